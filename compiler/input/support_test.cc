// Unit tests for the small pieces: diagnostics order, dates, suggestions, pointers.
#include <chrono>

#include <catch2/catch.hpp>

#include "base/civil_date.h"
#include "base/diagnostic.h"
#include "base/did_you_mean.h"
#include "input/position_map.h"
#include "input/source_file.h"

namespace ipack {

TEST_CASE("findings sort by file, line, column, rule, message and lose exact duplicates", "[diagnostic]") {
  auto make = [](std::string file, int line, int column, std::string rule) {
    Diagnostic d;
    d.file = std::move(file);
    d.line = line;
    d.column = column;
    d.rule = std::move(rule);
    return d;
  };
  std::vector<Diagnostic> ds = {make("b.yaml", 1, 1, "schema"), make("a.yaml", 9, 1, "schema"),
                                make("a.yaml", 2, 5, "schema"), make("a.yaml", 2, 5, "pack-limit"),
                                make("a.yaml", 2, 5, "schema")};
  sort_and_deduplicate(ds);
  REQUIRE(ds.size() == 4);
  CHECK(ds[0].rule == "pack-limit");
  CHECK(ds[1].line == 2);
  CHECK(ds[2].line == 9);
  CHECK(ds[3].file == "b.yaml");
}

TEST_CASE("calendar dates", "[date]") {
  CHECK(parse_iso_date("2026-12-01") == CivilDate{2026, 12, 1});
  CHECK_FALSE(parse_iso_date("2026-1-01"));
  CHECK_FALSE(parse_iso_date("2026-12-0x"));
  CHECK(is_real_date({2028, 2, 29}));
  CHECK_FALSE(is_real_date({2027, 2, 29}));
  CHECK_FALSE(is_real_date({2100, 2, 29}));
  CHECK(is_real_date({2000, 2, 29}));
  CHECK_FALSE(is_real_date({2026, 4, 31}));
  CHECK_FALSE(is_real_date({2026, 13, 1}));
  CHECK(date_of_unix_time(0) == CivilDate{1970, 1, 1});
  CHECK(date_of_unix_time(1795478400) == CivilDate{2026, 11, 24});
  CHECK(date_of_unix_time(1795478399) == CivilDate{2026, 11, 23});
  CHECK(date_of_unix_time(-1) == CivilDate{1969, 12, 31});
  CHECK(CivilDate{2026, 11, 24}.iso() == "2026-11-24");
}

TEST_CASE("did-you-mean suggests close names only", "[suggest]") {
  std::vector<std::string> keys = {"displayName", "description", "version", "publisher"};
  CHECK(closest_match("displayNme", keys) == "displayName");
  CHECK(closest_match("verison", keys) == "version");  // a swap costs one
  CHECK(closest_match("colour", keys).empty());
  CHECK(edit_distance("mutli", "multi") == 1);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("JSON Pointer tokens", "[pointer]") {
  CHECK(pointer_join("/spec", "a/b~c") == "/spec/a~1b~0c");
  CHECK(pointer_last("/spec/a~1b~0c") == "a/b~c");
  CHECK(pointer_parent("/spec/packages/3") == "/spec/packages");
  CHECK(pointer_parent("/spec").empty());
  CHECK(pointer_join("/spec/packages", size_t{7}) == "/spec/packages/7");
}

}  // namespace ipack

namespace ipack {
TEST_CASE("text quoting a broken file stays UTF-8", "[utf8]") {
  CHECK(with_utf8_replacements("caf\xE9 ok") == "caf\xEF\xBF\xBD ok");
  CHECK(with_utf8_replacements("ok é") == "ok é");
  CHECK(utf8_length(with_utf8_replacements("a\xE9z")) == utf8_length("a\xE9z"));
}
}  // namespace ipack

#include "input/discovery.h"

namespace ipack {
TEST_CASE("ignore globs", "[glob]") {
  CHECK(glob_matches("archive/**", "archive/old/pack.yaml"));
  CHECK(glob_matches("archive/**", "archive"));
  CHECK_FALSE(glob_matches("archive/**", "archived/pack.yaml"));
  CHECK(glob_matches("*/drafts/**", "crm/drafts/x/pack.yaml"));
  CHECK_FALSE(glob_matches("*/drafts/**", "a/b/drafts/pack.yaml"));
  CHECK(glob_matches("**/drafts", "a/b/drafts"));
  CHECK(glob_matches("pack-?", "pack-1"));
  CHECK(glob_matches("*.yaml", "pack.yaml"));
  CHECK_FALSE(glob_matches("*.yaml", "dir/pack.yaml"));
  IgnoreGlobs ignore{"/repo", {"archive/**", "legacy"}};
  CHECK(ignore.ignores("/repo/archive/x/pack.yaml"));
  CHECK(ignore.ignores("/repo/legacy/crm/pack.yaml"));  // a folder above it matches
  CHECK_FALSE(ignore.ignores("/repo/crm/pack.yaml"));
  CHECK_FALSE(ignore.ignores("/elsewhere/archive/pack.yaml"));
}

TEST_CASE("ignore globs with many ** match in linear time", "[glob][limits]") {
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "d/";
  deep += "pack.yaml";
  std::string glob;
  for (int i = 0; i < 12; ++i) glob += "**/d/";
  glob += "x";  // never matches: every way of spreading the ** is tried
  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(glob_matches(glob, deep));
  CHECK(glob_matches("**/d/**/d/**/d/**/pack.yaml", deep));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}
}  // namespace ipack

#include "base/semver.h"

namespace ipack {
TEST_CASE("SemVer precedence", "[semver]") {
  auto lt = [](const char* a, const char* b) { return compare_semver(*parse_semver(a), *parse_semver(b)) < 0; };
  // The ordering example of semver.org, item 11.
  const char* ordered[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                           "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                           "1.0.0-rc.1",  "1.0.0",         "2.0.0",
                           "2.1.0",       "2.1.1",         "10.0.0"};
  for (size_t i = 1; i < std::size(ordered); ++i) CHECK(lt(ordered[i - 1], ordered[i]));
  CHECK(compare_semver(*parse_semver("1.0.0+build.1"), *parse_semver("1.0.0+build.2")) == 0);
  CHECK_FALSE(parse_semver("1.0"));
  CHECK_FALSE(parse_semver("01.0.0"));
  CHECK_FALSE(parse_semver("1.0.0-"));
  CHECK_FALSE(parse_semver("1.0.0-01"));
  CHECK(parse_semver("1.0.0-0a"));
}

// The word-at-a-time paths agree with a byte at a time, wherever the non-ASCII byte falls.
TEST_CASE("UTF-8 length and check: the same at every offset of a long text", "[utf8]") {
  for (size_t at = 0; at <= 101; ++at) {  // past three 32-byte blocks
    std::string text(101, 'a');
    text.insert(at, "\xC3\xA9");  // é
    INFO(at);
    CHECK(utf8_length(text) == 102);
    bool ascii = true;
    CHECK(first_invalid_utf8(text, ascii) == std::string::npos);
    CHECK_FALSE(ascii);
    CHECK(first_invalid_utf8(std::string(at, 'a'), ascii) == std::string::npos);
    CHECK(ascii);
    text[at + 1] = 'x';  // a lead byte without its continuation
    CHECK(first_invalid_utf8(text) == at);
    text.insert(at, "\xBF");  // a stray continuation byte
    CHECK(first_invalid_utf8(text) == at);
  }
}
}  // namespace ipack

#include "input/discovery.h"

namespace ipack {

TEST_CASE("display paths: relative to the current folder, normalised", "[path]") {
  namespace fs = std::filesystem;
  fs::path cwd = fs::current_path();
  CHECK(display_path("a/./b//c.xml") == "a/b/c.xml");
  CHECK(display_path("a/../c.xml") == "c.xml");
  CHECK(display_path(cwd / "x" / "y.xml") == "x/y.xml");  // absolute, under the current folder
  CHECK(display_path("..") == (cwd.parent_path() / "").lexically_relative(cwd).string());
  // Climbing above the current folder goes through the real one: `..` beyond the root stays there.
  std::string above;
  for (auto it = cwd.begin(); it != cwd.end(); ++it) above += "../";
  CHECK(display_path(above + "../etc/passwd") == (fs::path("/etc/passwd").lexically_relative(cwd)).string());
}

}  // namespace ipack
