#include "render/render.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace ipack {

namespace {
Diagnostic finding(int line, int column, int end_column, Severity severity = Severity::Error) {
  Diagnostic d;
  d.rule = "schema";
  d.severity = severity;
  d.file = "pack.yaml";
  d.line = line;
  d.column = column;
  d.end_line = end_column ? line : 0;
  d.end_column = end_column;
  d.message = "packageVersion must be a string";
  d.pointer = "/spec/packages/0/packageVersion";
  return d;
}
std::string_view line_of(const std::string&, int line) {
  return line == 2 ? std::string_view("\tpackageVersion: 1.3") : std::string_view("é: x");
}
}  // namespace

TEST_CASE("text: header, source line, caret and tilde under the token", "[render]") {
  std::string out = render_text({finding(2, 18, 21)}, 1, line_of, {});
  CHECK(out ==
        "pack.yaml:2:18: error: packageVersion must be a string [schema]\n"
        "\tpackageVersion: 1.3\n"
        "\t                ^~~\n"
        "1 error, 0 warnings in 1 file\n");
}

TEST_CASE("text: caret alone when the end is unknown; columns are code points", "[render]") {
  std::string out = render_text({finding(1, 4, 0, Severity::Warning)}, 2, line_of, TextStyle{false, false});
  CHECK(out == "pack.yaml:1:4: warning: packageVersion must be a string [schema]\né: x\n   ^\n");
}

TEST_CASE("text: colour only when asked", "[render]") {
  CHECK(render_text({finding(2, 18, 21)}, 1, line_of, TextStyle{true, true}).find("\033[1;31merror:") != std::string::npos);
}

TEST_CASE("summary line counts with plurals", "[render]") {
  CHECK(summary_line({}, 0) == "0 errors, 0 warnings in 0 files");
  CHECK(summary_line({finding(1, 1, 0), finding(1, 2, 0), finding(1, 3, 0, Severity::Warning)}, 12) ==
        "2 errors, 1 warning in 12 files");
}

TEST_CASE("json: fields of cli.md, null ends when unknown", "[render]") {
  auto doc = nlohmann::json::parse(render_json({finding(2, 18, 21), finding(1, 4, 0)}, 1));
  CHECK(doc["version"] == 1);
  CHECK(doc["diagnostics"][0]["endColumn"] == 21);
  CHECK(doc["diagnostics"][0]["endLine"] == 2);
  CHECK(doc["diagnostics"][1]["endColumn"].is_null());
  CHECK(doc["diagnostics"][0]["pointer"] == "/spec/packages/0/packageVersion");
  CHECK(doc["summary"]["errors"] == 2);
}

}  // namespace ipack

namespace ipack {
TEST_CASE("text: a chain is printed one hop a line, from the package down", "[render]") {
  Diagnostic d = finding(2, 18, 0);
  d.rule = "process-route-in-closure";
  d.chain = {{"8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b", "process", "Sync Orders", "components/sync.xml", 2},
             {"5e6f0000-0000-4000-8000-000000000000", "Process Route step", "", "components/sync.xml", 40}};
  std::string out = render_text({d}, 1, line_of, TextStyle{false, false});
  CHECK(out.find("\n  process \"Sync Orders\" (8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b) components/sync.xml:2\n"
                 "  → Process Route step (5e6f0000-0000-4000-8000-000000000000) components/sync.xml:40\n") !=
        std::string::npos);
}
}  // namespace ipack

namespace ipack {

TEST_CASE("text: control characters from the input are shown, not sent to the terminal", "[render]") {
  Diagnostic d = finding(1, 4, 0);
  d.message = "key \"\x1b]0;pwned\x07\" is unknown";
  auto lines = [](const std::string&, int) { return std::string_view("a: \x1b[2J\x7f\xc2\x9b end"); };
  std::string out = render_text({d}, 1, lines, {});
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find('\x7f') == std::string::npos);
  CHECK(out.find("\xc2\x9b") == std::string::npos);
  CHECK(out.find("key \"\xE2\x90\x9B]0;pwned\xE2\x90\x87\" is unknown") != std::string::npos);
  CHECK(out.find("\na: \xE2\x90\x9B[2J\xE2\x90\xA1\xEF\xBF\xBD end\n   ^\n") != std::string::npos);
}

}  // namespace ipack
