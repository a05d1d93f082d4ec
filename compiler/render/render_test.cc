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
  CHECK(render_text({finding(2, 18, 21)}, 1, line_of, TextStyle{true, true}).find("\033[1;31merror:") !=
        std::string::npos);
}

TEST_CASE("summary line counts with plurals", "[render]") {
  CHECK(summary_line({}, 0) == "0 errors, 0 warnings in 0 files");
  CHECK(summary_line({finding(1, 1, 0), finding(1, 2, 0), finding(1, 3, 0, Severity::Warning)}, 12) ==
        "2 errors, 1 warning in 12 files");
}

TEST_CASE("plural counts: one package, two packages", "[render]") {
  CHECK(plural(1, "package", "packages") == "1 package");
  CHECK(plural(0, "package", "packages") == "0 packages");
  CHECK(plural(2, "component export", "component exports") == "2 component exports");
}

TEST_CASE("text: past ten findings a tally by rule, errors first; --max-findings shows errors first", "[render]") {
  std::vector<Diagnostic> ds;
  for (int i = 0; i < 11; ++i) {
    Diagnostic w = finding(1, 1 + i, 0, Severity::Warning);
    w.rule = "closure-unchecked";
    ds.push_back(w);
  }
  Diagnostic e = finding(2, 1, 0);
  e.rule = "pack-limit";
  ds.push_back(e);
  std::string all = render_text(ds, 1, nullptr, {});
  CHECK(all.find("by rule: 1 pack-limit, 11 closure-unchecked\n1 error, 11 warnings in 1 file\n") != std::string::npos);

  std::string two = render_text(ds, 1, nullptr, TextStyle{false, true, 2});
  CHECK(two.find("[pack-limit]") != std::string::npos);  // the error, though it sorts last
  CHECK(two.find("pack.yaml:1:1: warning") != std::string::npos);
  CHECK(two.find("pack.yaml:1:2: warning") == std::string::npos);
  CHECK(two.find("... 10 more findings not shown (--max-findings 2: errors are shown first)\n") != std::string::npos);
  CHECK(two.find("by rule: 1 pack-limit, 11 closure-unchecked\n") != std::string::npos);

  ds.resize(3);
  CHECK(render_text(ds, 1, nullptr, {}).find("by rule:") == std::string::npos);
}

TEST_CASE("json: the documented fields, null ends when unknown", "[render]") {
  auto doc = nlohmann::json::parse(render_json({finding(2, 18, 21), finding(1, 4, 0)}, 1));
  CHECK(doc["version"] == 1);
  CHECK(doc["diagnostics"][0]["endColumn"] == 21);
  CHECK(doc["diagnostics"][0]["endLine"] == 2);
  CHECK(doc["diagnostics"][1]["endColumn"].is_null());
  CHECK(doc["diagnostics"][0]["pointer"] == "/spec/packages/0/packageVersion");
  CHECK(doc["summary"]["errors"] == 2);
  CHECK_FALSE(doc["diagnostics"][0].contains("pattern"));
}

TEST_CASE("json: a pattern failure carries its regex; text leaves it out", "[render]") {
  Diagnostic d = finding(2, 18, 21);
  d.message = "version \"1.0\" is not of the right form: use a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0";
  d.pattern = "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$";
  auto doc = nlohmann::json::parse(render_json({d}, 1));
  CHECK(doc["diagnostics"][0]["pattern"] == d.pattern);
  CHECK(render_text({d}, 1, nullptr, {}).find(d.pattern) == std::string::npos);
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

TEST_CASE("text: a long line is clipped to a window around the caret, columns exact", "[render]") {
  // One line of 10,000 code points, two bytes each, with the finding in its middle.
  std::string line;
  for (int i = 0; i < 5000; ++i) line += "é";
  line += "profileId=\"x\"";
  for (int i = 0; i < 5000; ++i) line += "ü";
  Diagnostic d;
  d.rule = "unresolved-reference";
  d.severity = Severity::Warning;
  d.file = "c.xml";
  d.line = 1;
  d.column = 5001;
  d.message = "m";
  auto lines = [&line](const std::string&, int) { return std::string_view(line); };
  std::string out = render_text({d}, 1, lines, TextStyle{false, false});
  std::string window;
  for (int i = 0; i < 40; ++i) window += "é";
  window += "profileId=\"x\"";
  for (int i = 0; i < 80 - 13; ++i) window += "ü";
  CHECK(out ==
        "c.xml:1:5001: warning: m [unresolved-reference]\n..." + window + "...\n" + std::string(43, ' ') + "^\n");
}

TEST_CASE("text: a clipped line is cut only on the sides that were cut", "[render]") {
  std::string line = "<a b=\"1\"/>" + std::string(500, 'x');
  Diagnostic d;
  d.rule = "component-xml";
  d.file = "c.xml";
  d.column = 4;
  d.message = "m";
  auto lines = [&line](const std::string&, int) { return std::string_view(line); };
  std::string out = render_text({d}, 1, lines, TextStyle{false, false});
  CHECK(out == "c.xml:1:4: error: m [component-xml]\n" + line.substr(0, 83) + "...\n   ^\n");
}

}  // namespace ipack

namespace ipack {

TEST_CASE("text: findings along one long line are each clipped around their own caret", "[render]") {
  std::string line;
  for (int i = 0; i < 400; ++i) line += "ab—";  // 1,200 code points, 2,000 bytes
  auto at = [](int column) {
    Diagnostic d;
    d.rule = "unresolved-reference";
    d.severity = Severity::Warning;
    d.file = "c.xml";
    d.column = column;
    d.message = "m";
    return d;
  };
  auto lines = [&line](const std::string&, int) { return std::string_view(line); };
  std::string out = render_text({at(301), at(901), at(1200)}, 1, lines, TextStyle{false, false});
  // Column 301 is the first 'a' of the 101st "ab—"; 901 the 301st; 1200 the last '—'.
  size_t first = out.find("c.xml:1:301:"), second = out.find("c.xml:1:901:"), third = out.find("c.xml:1:1200:");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  REQUIRE(third != std::string::npos);
  auto caret_under = [&](size_t header) {
    size_t quoted = out.find('\n', header) + 1;
    size_t caret = out.find('\n', quoted) + 1;
    std::string text = out.substr(quoted, caret - 1 - quoted);
    std::string pad = out.substr(caret, out.find('^', caret) - caret);
    // The pad counts code points; the character under the caret, as a code point of `text`.
    size_t byte = 0;
    for (size_t cp = 0; cp < pad.size(); ++cp) {
      ++byte;
      while (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) ++byte;
    }
    return text.substr(byte, text.compare(byte, 3, "—") == 0 ? 3 : 1);
  };
  CHECK(caret_under(first) == "a");
  CHECK(caret_under(second) == "a");
  CHECK(caret_under(third) == "—");
  CHECK(out.substr(out.find('\n', third) + 1).rfind("...", 0) == 0);  // cut before, not after
}

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
