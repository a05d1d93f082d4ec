#include "input/suppressions.h"

#include <catch2/catch.hpp>

#include "validate/manifest_check.h"

namespace ipack {
namespace {

// A pack without a components folder: its package gets closure-unchecked (a lint warning) at
// the component id, line 13.
std::string pack(const std::string& before_package, const std::string& after_component = "") {
  return "apiVersion: ipack/v1\nkind: IntegrationPack\nmetadata:\n  name: x\n  displayName: X\n"
         "  description: D\n  version: 1.0.0\n  publisher: P\nspec:\n  installation: single\n  packages:\n" +
         before_package + "    - component: 8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b" + after_component +
         "\n      packageVersion: \"1\"\n      shareable: true\n      type: process\n";
}

std::vector<Diagnostic> check_suppressed(const std::string& text) {
  SourceFile source("pack.yaml", text);
  CheckSettings settings;
  settings.today = {2026, 11, 24};
  auto ds = check_manifest(source, settings).diagnostics;
  sort_and_deduplicate(ds);
  return ds;
}

}  // namespace

TEST_CASE("suppression comments are found with their rules and reason", "[suppress]") {
  SourceFile source("p.yaml",
                    "a: 1 # ipack-ignore: unused-component, closure-unchecked -- kept for v3\n"
                    "b: \"# ipack-ignore: x -- inside a string\"\n"
                    "  # ipack-ignore: closure-unchecked\n");
  auto s = find_suppressions(source);
  REQUIRE(s.size() == 2);
  CHECK(s[0].line == 1);
  CHECK(s[0].column == 6);
  CHECK(s[0].rules == std::vector<std::string>{"unused-component", "closure-unchecked"});
  CHECK(s[0].reason == "kept for v3");
  CHECK(s[1].line == 3);
  CHECK(s[1].reason.empty());
}

TEST_CASE("a suppression on the line above or the same line silences a lint finding", "[suppress]") {
  REQUIRE(check_suppressed(pack("")).size() == 1);  // closure-unchecked, unsuppressed
  CHECK(check_suppressed(pack("    # ipack-ignore: closure-unchecked -- exported next sprint\n")).empty());
  CHECK(check_suppressed(pack("", "  # ipack-ignore: closure-unchecked -- exported next sprint")).empty());
}

TEST_CASE("suppressions that suppress nothing are reported", "[suppress]") {
  auto rule_and_message = [](const std::string& text) {
    auto ds = check_suppressed(text);
    for (const auto& d : ds)
      if (d.rule == "unused-suppression") return d.message;
    return std::string();
  };
  CHECK(rule_and_message(pack("    # ipack-ignore: closure-unchecked\n")).find("no reason") != std::string::npos);
  CHECK(rule_and_message(pack("    # ipack-ignore: closure-uncheked -- typo\n")) ==
        "ipack-ignore names no rule \"closure-uncheked\" (did you mean \"closure-unchecked\"?); `ipack rules` lists "
        "them");
  CHECK(rule_and_message(pack("    # ipack-ignore: pack-limit -- nope\n")).find("platform rule") != std::string::npos);
  CHECK(rule_and_message("# ipack-ignore: unused-component -- nothing here\n" +
                         pack("    # ipack-ignore: closure-unchecked -- ok\n"))
            .find("suppresses no unused-component") != std::string::npos);
  auto ds = check_suppressed(pack("    # ipack-ignore: closure-unchecked\n"));
  REQUIRE(ds.size() == 2);  // the finding stays, and the suppression without a reason is reported
  for (const auto& d : ds)
    if (d.rule == "unused-suppression") CHECK(d.severity == Severity::Warning);
}

}  // namespace ipack
