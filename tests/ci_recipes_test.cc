// docs/ci.md's recipes are the ones that run: every `ipack` command in its code blocks is
// run, in order, in a repository holding the example pack, and must succeed.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

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
  auto repo = make_temp_dir();
  fs::create_directory(fs::path(repo) / ".git");
  fs::copy(source_dir() + "/examples/crm-sync", fs::path(repo) / "crm-sync", fs::copy_options::recursive);
  fs::create_directory(fs::path(repo) / "keys");
  REQUIRE(run_ipack({"keygen", repo + "/signing"}).exit_code == 0);
  fs::copy_file(repo + "/signing.pub.pem", repo + "/keys/signing.pub.pem");
  std::string key = read_text(repo + "/signing.pem");
  fs::remove(repo + "/signing.pem");
  fs::remove(repo + "/signing.pub.pem");

  std::string bin = fs::path(IPACK_BINARY).parent_path().string();
  for (const auto& c : commands) {
    INFO(c);
    std::string script = repo + "/.step.sh";
    std::ofstream(script) << "set -euo pipefail\ncd '" << repo << "'\nexport PATH='" << bin << "':$PATH\n"
                          << "export SOURCE_DATE_EPOCH=1795478400\n" << c << "\n";
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
