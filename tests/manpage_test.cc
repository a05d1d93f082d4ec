// docs/ipack.1 is held to the binary: every command `ipack --help` lists has a synopsis and an
// OPTIONS subsection naming each flag its `--help` lists, and the environment variables ipack
// reads are documented.
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "run_ipack.h"

using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::source_dir;

namespace {

// The man page with roff's `\-` read as `-`.
std::string man_page() {
  std::string text = read_text(source_dir() + "/docs/ipack.1");
  return std::regex_replace(text, std::regex(R"(\\-)"), "-");
}

// The commands of `ipack --help`: the first word of each line under "Subcommands:".
std::vector<std::string> commands() {
  std::istringstream help(run_ipack({"--help"}).out);
  std::vector<std::string> out;
  bool in_list = false;
  for (std::string line; std::getline(help, line);) {
    if (line.rfind("Subcommands:", 0) == 0) {
      in_list = true;
      continue;
    }
    if (!in_list) continue;
    std::smatch m;
    if (std::regex_match(line, m, std::regex(R"(^  ([a-z]+)\s.*$)")))
      out.push_back(m[1]);
    else if (line.empty())
      break;
  }
  return out;
}

// The long flags `ipack COMMAND --help` lists (each option line starts with one), --help aside.
std::set<std::string> flags_of(const std::string& command) {
  std::istringstream help(run_ipack({command, "--help"}).out);
  std::set<std::string> flags;
  std::regex option(R"(^\s+(?:-[a-zA-Z],)?(--[a-z][a-z-]*).*$)");
  for (std::string line; std::getline(help, line);) {
    std::smatch m;
    if (std::regex_match(line, m, option) && m[1] != "--help") flags.insert(m[1]);
  }
  return flags;
}

// The text of the OPTIONS subsection whose title names `command`.
std::string subsection_of(const std::string& page, const std::string& command) {
  std::regex title(R"(\n\.SS [^\n]*)");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), title); it != std::sregex_iterator(); ++it) {
    std::string heading = it->str();
    std::regex word("[ \"]" + command + "[,\" \n]|[ \"]" + command + "$");
    if (!std::regex_search(heading, word)) continue;
    size_t start = static_cast<size_t>(it->position()) + 1;
    size_t end = std::min(page.find("\n.SS ", start), page.find("\n.SH ", start));
    return page.substr(start, end - start);
  }
  return "";
}

}  // namespace

TEST_CASE("the man page documents every command and every flag --help lists", "[docs][man]") {
  const std::string page = man_page();
  auto listed = commands();
  REQUIRE(listed.size() >= 12);
  for (const auto& command : listed) {
    DYNAMIC_SECTION(command) {
      CHECK(page.find(".SY ipack\n.B " + command + "\n") != std::string::npos);
      std::string section = subsection_of(page, command);
      REQUIRE_FALSE(section.empty());
      for (const auto& flag : flags_of(command)) {
        INFO("flag " << flag);
        CHECK(section.find(flag) != std::string::npos);
      }
    }
  }
}

TEST_CASE("the man page documents the environment ipack reads", "[docs][man]") {
  const std::string page = man_page();
  size_t environment = page.find("\n.SH ENVIRONMENT\n");
  REQUIRE(environment != std::string::npos);
  std::string section = page.substr(environment, page.find("\n.SH ", environment + 1) - environment);
  for (const char* variable : {"IPACK_SIGNING_KEY", "IPACK_TODAY", "SOURCE_DATE_EPOCH", "NO_COLOR"})
    CHECK(section.find(std::string(".B ") + variable + "\n") != std::string::npos);
}
