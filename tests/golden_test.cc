// Golden tests: every fixture under examples/invalid/ produces exactly its expected.out, and
// only findings of the rule it is named for; every valid example produces nothing.
#include <filesystem>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "rules/rule_registry.h"
#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::source_dir;

namespace {

std::vector<fs::path> fixture_dirs() {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(source_dir() + "/examples/invalid"))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// The command a fixture is checked with: a fixture holding previous.ipack is a release check;
// one holding pack.path (an install plan's) is checked against the pack folder it names.
std::vector<std::string> validate_args(const fs::path& dir, std::vector<std::string> args) {
  if (fs::exists(dir / "previous.ipack")) args.insert(args.end(), {"--previous", "previous.ipack"});
  if (fs::exists(dir / "pack.path")) {
    std::string pack = read_text((dir / "pack.path").string());
    while (!pack.empty() && (pack.back() == '\n' || pack.back() == ' ')) pack.pop_back();
    args.insert(args.end(), {"--pack", pack});
  }
  return args;
}

// "release-date--missing" → "release-date"
std::string rule_of_fixture(const fs::path& dir) {
  std::string name = dir.filename().string();
  return name.substr(0, name.find("--"));
}

}  // namespace

TEST_CASE("every fixture gives exactly its expected findings, all of its rule", "[golden]") {
  auto dirs = fixture_dirs();
  REQUIRE_FALSE(dirs.empty());
  for (const auto& dir : dirs) {
    DYNAMIC_SECTION(dir.filename().string()) {
      std::string rule = rule_of_fixture(dir);
      const ipack::Rule* r = ipack::find_rule(rule);
      REQUIRE(r != nullptr);
      auto text = run_ipack(validate_args(dir, {"validate", "--color", "never"}), {dir.string()});
      CHECK(text.exit_code == (r->severity == ipack::Severity::Error ? 1 : 0));
      CHECK(text.err.empty());
      CHECK(text.out == read_text((dir / "expected.out").string()));

      auto json = run_ipack(validate_args(dir, {"validate", "--format", "json"}), {dir.string()});
      auto doc = nlohmann::json::parse(json.out);
      REQUIRE_FALSE(doc["diagnostics"].empty());
      for (const auto& d : doc["diagnostics"]) CHECK(d["rule"] == rule);
    }
  }
}

TEST_CASE("every registered rule has a failing fixture", "[golden]") {
  auto dirs = fixture_dirs();
  for (const ipack::Rule* rule : ipack::all_rules()) {
    bool found =
        std::any_of(dirs.begin(), dirs.end(), [&](const fs::path& d) { return rule_of_fixture(d) == rule->id; });
    INFO("rule " << rule->id);
    CHECK(found);
  }
}

TEST_CASE("valid examples produce no finding", "[golden]") {
  int checked = 0;
  for (const auto& e : fs::directory_iterator(source_dir() + "/examples")) {
    if (!e.is_directory() || e.path().filename() == "invalid") continue;
    DYNAMIC_SECTION(e.path().filename().string()) {
      // From the example's folder, as its users run it: a config there applies.
      auto r = run_ipack({"validate", "--format", "json"}, {e.path().string()});
      CHECK(r.exit_code == 0);
      CHECK(r.err.empty());
      auto doc = nlohmann::json::parse(r.out);
      CHECK(doc["diagnostics"].empty());
      CHECK(doc["summary"]["files"].get<int>() >= 1);
    }
    ++checked;
  }
  CHECK(checked >= 1);
}
