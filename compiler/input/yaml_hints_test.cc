#include "input/yaml_hints.h"

#include <catch2/catch.hpp>

#include "input/yaml_document.h"

using namespace ipack;

namespace {

const char* kPack = R"(apiVersion: ipack/v1
kind: IntegrationPack
metadata:
  name: crm-sync
  description: "Keeps accounts in sync.
  version: 2.4.0
  publisher: Acme Corp
spec:
  installation: single
  packages:
    - component: 8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b
      packageVersion: "1.3"
      shareable: true
)";

std::vector<Diagnostic> hints_of(const std::string& text) {
  std::vector<Diagnostic> out;
  SourceFile source("pack.yaml", text);
  read_yaml(source, out, YamlLimits{});
  return out;
}

}  // namespace

TEST_CASE("an unclosed quote is reported at the opening quote, not where the parser gave up", "[yaml]") {
  auto hint = unclosed_quote_hint(kPack);
  REQUIRE(hint);
  CHECK(hint->line == 5);
  CHECK(hint->column == 16);
  auto ds = hints_of(kPack);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "yaml-syntax");
  CHECK(ds[0].line == 5);
  CHECK(ds[0].column == 16);
  CHECK(ds[0].message.rfind("this quoted string is not closed on its line, so the rest of the file is read into it: "
                            "add the closing \"",
                            0) == 0);
}

TEST_CASE("a quoted string over several lines is no unclosed quote", "[yaml]") {
  CHECK_FALSE(unclosed_quote_hint("a: \"one\n  two\"\nb: 1\n"));
  CHECK_FALSE(unclosed_quote_hint("a: 'it''s'\nb: \"x # y\"\nc: >-\n  \"quoted in a block\n"));
}

TEST_CASE("an indentation that matches no block is pointed at", "[yaml]") {
  std::string text = std::string(kPack);
  text.replace(text.find("\"Keeps accounts in sync."), 24, "Keeps accounts in sync.");
  text.replace(text.find("  version: 2.4.0"), 16, "   version: 2.4.0");
  auto ds = hints_of(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].line == 6);
  CHECK(ds[0].column == 4);
  CHECK(ds[0].message.rfind("line 6 is indented by 3 spaces, deeper than the line above allows", 0) == 0);

  auto shallow = indentation_hint("a:\n    b: 1\n  c: 2\n", 3);
  REQUIRE(shallow);
  CHECK(shallow->line == 3);
  CHECK(shallow->message.find("matches no enclosing block (those here are at 0)") != std::string::npos);
  CHECK_FALSE(indentation_hint("a:\n- b: 1\n  c: 2\nd:\n  - e\n  - f: |\n      text\n        more\n    g: 1\n", 9));
}

TEST_CASE("a line of list markers and spaces only ends the marker scan inside the line", "[yaml]") {
  // "    - " once made the scan index one past npos (the sanitizer pass caught it, from the fuzzer).
  std::string text = "spec:\n  packages:\n    - \n    - component: \"8f6a2c1e\n  installation: single\n";
  auto hint = unclosed_quote_hint(text);
  REQUIRE(hint);
  CHECK(hint->line == 4);
  CHECK(hint->column == 18);
}
