// docs/ci.md's recipes are the ones that run: every `ipack` command in its code blocks is
// run, in order, in a repository holding the example pack, and must succeed.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "base/version.h"
#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::source_dir;

namespace {

// `ipack …` lines of the fenced blocks, with a YAML `- ` or `run: ` before them.
std::vector<std::string> recipe_commands(const std::string& doc) {
  std::vector<std::string> commands;
  static const std::regex command(R"(^\s*(?:-\s+|run:\s+)?(ipack\s.*)$)");
  bool in_block = false;
  std::istringstream lines(doc);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("```", 0) == 0) {
      in_block = !in_block;
      continue;
    }
    std::smatch m;
    if (in_block && std::regex_match(line, m, command)) commands.push_back(m[1]);
  }
  return commands;
}

}  // namespace

TEST_CASE("every ipack command of docs/ci.md runs and succeeds on a clean repository", "[ci]") {
  auto commands = recipe_commands(read_text(source_dir() + "/docs/ci.md"));
  REQUIRE(commands.size() >= 6);
  // A real, committed git repository: the release recipe builds with --require-clean.
  auto repo = make_temp_dir();
  fs::copy(source_dir() + "/examples/crm-sync", fs::path(repo) / "crm-sync", fs::copy_options::recursive);
  std::string commit = "cd '" + repo +
                       "' && git init -q && git add -A && git -c user.name=ipack "
                       "-c user.email=ipack@example.invalid commit -q -m pack";
  REQUIRE(std::system(commit.c_str()) == 0);
  fs::create_directory(fs::path(repo) / "keys");
  // The key pair is made outside the work tree, as keygen insists; the public half is committed.
  auto keys = make_temp_dir();
  REQUIRE(run_ipack({"keygen", keys + "/signing"}).exit_code == 0);
  fs::copy_file(keys + "/signing.pub.pem", repo + "/keys/signing.pub.pem");
  std::string key = read_text(keys + "/signing.pem");
  fs::remove(keys + "/signing.pem");

  std::string bin = fs::path(IPACK_BINARY).parent_path().string();
  for (const auto& c : commands) {
    INFO(c);
    std::string script = repo + "/.step.sh";
    std::ofstream(script) << "set -euo pipefail\ncd '" << repo << "'\nexport PATH='" << bin << "':$PATH\n"
                          << "export SOURCE_DATE_EPOCH=1795478400\n"
                          << c << "\n";
    std::string key_file = repo + "/.key";
    std::ofstream(key_file) << key;
    fs::permissions(key_file, fs::perms::owner_read | fs::perms::owner_write);
    std::string run = "IPACK_SIGNING_KEY=\"$(cat '" + key_file + "')\" bash '" + script + "' >/dev/null 2>&1";
    CHECK(std::system(run.c_str()) == 0);
    fs::remove(key_file);
  }
  CHECK(fs::exists(repo + "/ipack.sarif"));
  CHECK(fs::exists(repo + "/ipack-junit.xml"));
  CHECK(fs::exists(repo + "/dist/crm-sync-2.4.0.ipack"));
}

TEST_CASE("docs/ci.md names no bundle by its version, and asks for a clean build", "[ci]") {
  std::string doc = read_text(source_dir() + "/docs/ci.md");
  CHECK(doc.find("crm-sync-2.4.0.ipack") == std::string::npos);
  auto commands = recipe_commands(doc);
  CHECK(std::any_of(commands.begin(), commands.end(), [](const std::string& c) {
    return c.rfind("ipack build ", 0) == 0 && c.find("--require-clean") != std::string::npos;
  }));
  CHECK(doc.find("actions: read") != std::string::npos);
  CHECK(doc.find("rev: v0.1.0") == std::string::npos);
  // The archive the recipes install is the one scripts/release.sh names, at this version.
  CHECK(read_text(source_dir() + "/scripts/release.sh").find("name=\"ipack-$version-linux-x86_64\"") !=
        std::string::npos);
  CHECK(doc.find(std::string("ipack-") + ipack::kVersion + "-linux-x86_64.tar.gz") != std::string::npos);
}
