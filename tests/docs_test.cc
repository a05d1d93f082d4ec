// The docs must say what the tool does: docs/rules.md has a section per registered rule, its
// example and output are the fixture's input and the tool's real output, and `ipack explain`
// prints that very section.
#include <filesystem>

#include <catch2/catch.hpp>

#include "rules/rule_registry.h"
#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::source_dir;

namespace {

// The text of the section "## `id`", up to the next heading of level 1 or 2.
std::string section_of(const std::string& doc, const std::string& id) {
  std::string heading = "\n## `" + id + "`\n";
  size_t start = doc.find(heading);
  if (start == std::string::npos) return "";
  size_t end = std::min(doc.find("\n## ", start + 1), doc.find("\n# ", start + 1));
  return doc.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

bool has_block(const std::string& section, const std::string& language, const std::string& content) {
  return section.find("```" + language + "\n" + content + "```\n") != std::string::npos;
}

}  // namespace

TEST_CASE("docs/rules.md documents every registered rule with the tool's real output", "[docs]") {
  const std::string doc = read_text(source_dir() + "/docs/rules.md");
  for (const ipack::Rule* rule : ipack::all_rules()) {
    std::string id(rule->id);
    DYNAMIC_SECTION(id) {
      std::string section = section_of(doc, id);
      REQUIRE_FALSE(section.empty());
      fs::path fixture = fs::path(source_dir()) / "examples/invalid" / id;
      // An install plan's fixture shows the plan; every other, the pack manifest.
      fs::path input =
          fs::exists(fixture / "customer.install.yaml") ? fixture / "customer.install.yaml" : fixture / "pack.yaml";
      REQUIRE(fs::exists(input));
      CHECK(has_block(section, "yaml", read_text(input.string())));
      CHECK(has_block(section, "text", read_text((fixture / "expected.out").string())));

      auto explained = run_ipack({"explain", id});
      CHECK(explained.exit_code == 0);
      CHECK(explained.out.find("## `" + id + "`") == 0);
      CHECK(explained.out.find(read_text((fixture / "expected.out").string())) != std::string::npos);
    }
  }
}

TEST_CASE("docs/rules.md documents no rule the tool does not have", "[docs]") {
  const std::string doc = read_text(source_dir() + "/docs/rules.md");
  size_t pos = 0;
  while ((pos = doc.find("\n## `", pos)) != std::string::npos) {
    pos += 5;
    std::string id = doc.substr(pos, doc.find('`', pos) - pos);
    INFO("documented rule " << id);
    CHECK(ipack::find_rule(id) != nullptr);
  }
}
