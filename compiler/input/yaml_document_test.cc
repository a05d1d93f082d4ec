#include "input/yaml_document.h"

#include <chrono>
#include <map>
#include <random>
#include <set>

#include <catch2/catch.hpp>

namespace ipack {
namespace {

struct YamlRead {
  std::optional<YamlDocument> doc;
  std::vector<Diagnostic> findings;
};

YamlRead read_yaml(const std::string& text, const YamlLimits& limits = {}) {
  SourceFile source("pack.yaml", text);
  YamlRead r;
  r.doc = read_yaml(source, r.findings, limits);
  return r;
}

}  // namespace

TEST_CASE("plain scalars are typed by the YAML 1.2 core schema", "[yaml]") {
  auto r = read_yaml(
      "a: true\nb: 1.3\nc: 2026-12-01\nd: yes\ne: 42\nf: ~\ng: \"1.3\"\nh: 0x1F\ni: 0o17\nj: .inf\nk: off\n"
      "l: !!str 5\nm: null\nn: -7\n");
  REQUIRE(r.findings.empty());
  const auto& v = r.doc->value;
  CHECK(v["a"] == true);
  CHECK(v["b"].is_number_float());
  CHECK(v["c"] == "2026-12-01");
  CHECK(v["d"] == "yes");
  CHECK(v["e"] == 42);
  CHECK(v["f"].is_null());
  CHECK(v["g"] == "1.3");
  CHECK(v["h"] == 31);
  CHECK(v["i"] == 15);
  CHECK(v["j"].is_number_float());
  CHECK(v["k"] == "off");
  CHECK(v["l"] == "5");
  CHECK(v["m"].is_null());
  CHECK(v["n"] == -7);
}

TEST_CASE("positions are recorded by JSON Pointer, for keys and values", "[yaml]") {
  auto r = read_yaml("apiVersion: ipack/v1\nspec:\n  packages:\n    - component: abc\n      name: \"Sync\"\n");
  REQUIRE(r.doc);
  const auto& pos = r.doc->positions;
  const NodePosition* component = pos.find("/spec/packages/0/component");
  REQUIRE(component);
  CHECK(component->value.line == 4);
  CHECK(component->value.column == 18);
  CHECK(component->value.end_column == 21);
  CHECK(component->key.column == 7);
  CHECK(component->key.end_column == 16);
  const NodePosition* name = pos.find("/spec/packages/0/name");
  REQUIRE(name);
  CHECK(name->value.column == 13);
  CHECK(name->value.end_column == 19);  // the quotes are part of the token
  CHECK(pos.locate("/spec/packages/0").line == 4);
  CHECK(pos.locate("/spec/packages/0/missing/deeper").line == 4);
  CHECK(pos.locate("/spec", At::Key).column == 1);
}

TEST_CASE("columns count code points, not bytes", "[yaml]") {
  auto r = read_yaml("a: [é⇄, b]\n");
  REQUIRE(r.doc);
  CHECK(r.doc->positions.find("/a/1")->value.column == 9);
}

TEST_CASE("keys with / and ~ are escaped in pointers", "[yaml]") {
  auto r = read_yaml("\"a/b\": 1\n\"c~d\": 2\n");
  REQUIRE(r.doc);
  CHECK(r.doc->positions.find("/a~1b"));
  CHECK(r.doc->positions.find("/c~0d"));
}

TEST_CASE("an empty value is placed at its key", "[yaml]") {
  auto r = read_yaml("a:\nb: 1\n");
  REQUIRE(r.doc);
  auto span = r.doc->positions.find("/a")->value;
  CHECK(span.line == 1);
  CHECK(span.column == 1);
}

TEST_CASE("a UTF-8 BOM and CRLF line ends read fine", "[yaml]") {
  auto r = read_yaml(
      "\xEF\xBB\xBF"
      "a: 1\r\nb: two\r\n");
  REQUIRE(r.findings.empty());
  CHECK(r.doc->value["a"] == 1);
  CHECK(r.doc->value["b"] == "two");
  CHECK(r.doc->positions.find("/b")->value.column == 4);
  CHECK(r.doc->positions.find("/b")->value.end_column == 7);
}

TEST_CASE("a duplicate key is reported at the second key, and the last value wins", "[yaml]") {
  auto r = read_yaml("a: 1\nb:\n  c: 2\n  c: 3\n");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "duplicate-key");
  CHECK(r.findings[0].line == 4);
  CHECK(r.findings[0].column == 3);
  CHECK(r.findings[0].message.find("line 3") != std::string::npos);
  CHECK(r.doc->value["b"]["c"] == 3);
}

TEST_CASE("a key repeated twice names its first line each time; its position is the last value's", "[yaml]") {
  auto r = read_yaml("m:\n  - k: {x: 1}\n    j: 0\n    k: 2\n    k: [3]\n");
  REQUIRE(r.findings.size() == 2);
  for (const auto& f : r.findings) {
    CHECK(f.rule == "duplicate-key");
    CHECK(f.message.find("already defined at line 2") != std::string::npos);
    CHECK(f.pointer == "/m/0/k");
  }
  CHECK(r.findings[0].line == 4);
  CHECK(r.findings[1].line == 5);
  CHECK(r.doc->value["m"][0]["k"] == nlohmann::json::array({3}));
  const auto& p = r.doc->positions;
  CHECK(p.find("/m/0/k")->value.line == 5);
  CHECK(p.find("/m/0/k")->key.line == 5);
  CHECK(p.find("/m/0/k/0")->value.column == 9);
  // The first value's member is gone from the document, and from its positions.
  CHECK_FALSE(p.find("/m/0/k/x"));
  CHECK(p.locate("/m/0/k/x").line == 5);
  CHECK(p.locate("/m/0/j", At::Key).column == 5);
}

TEST_CASE("positions follow JSON Pointer: list indexes in decimal, keys escaped, ancestors for what is not there",
          "[yaml]") {
  auto r = read_yaml("l:\n  - a\n  - b\n\"x/y~\": 1\n");
  REQUIRE(r.findings.empty());
  const auto& p = r.doc->positions;
  CHECK(p.size() == 5);  // the root, l, its two entries and x/y~
  CHECK(p.find("")->value.line == 1);
  CHECK(p.find("/l/1")->value.line == 3);
  CHECK_FALSE(p.find("/l/01"));
  CHECK_FALSE(p.find("/l/2"));
  CHECK_FALSE(p.find("/l/-1"));
  CHECK_FALSE(p.find("l"));
  CHECK(p.find("/x~1y~0")->key.line == 4);
  CHECK_FALSE(p.find("/x/y~"));
  CHECK(p.locate("/l/7/z").line == 2);    // the list, which starts on the line after its key
  CHECK(p.locate("/l/1/z").column == 5);  // the entry "b"
  CHECK(p.locate("/nothing", At::Key).line == 1);
}

namespace {

// A random block-style document, one value per line, with the line of each value (and key)
// by JSON Pointer, as the position tree must give them back.
struct ExpectedAt {
  int value_line;
  int key_line;  // 0: not a mapping member
};

class RandomDocument {
 public:
  explicit RandomDocument(unsigned seed) : random_(seed) {}
  std::string text;
  std::map<std::string, ExpectedAt> expected;

  void write_map(const std::string& pointer, int indent, int depth, int key_line_of_parent) {
    static const char* kKeys[] = {"a", "b/c", "d~e", "~1", "name", "0", "x y", "f~0/g"};
    int count = 1 + pick(4);
    std::set<int> used;
    for (int i = 0; i < count; ++i) {
      int k = pick(8);
      if (!used.insert(k).second) continue;
      std::string key = kKeys[k];
      std::string child = pointer + "/" + escape(key);
      std::string quoted = "\"" + key + "\"";
      if (depth > 0 && pick(3) == 0) {
        add_line(indent, quoted + ":");
        int key_line = line_;
        write_container(child, indent + 2, depth - 1, key_line);
      } else {
        add_line(indent, quoted + ": v" + std::to_string(line_ + 1));
        expected[child] = {line_, line_};
      }
    }
    if (used.size() > 0 && !expected.count(pointer)) expected[pointer] = {first_line_of(pointer), key_line_of_parent};
  }

  void write_list(const std::string& pointer, int indent, int depth, int key_line_of_parent) {
    int count = 1 + pick(4);
    for (int i = 0; i < count; ++i) {
      std::string child = pointer + "/" + std::to_string(i);
      if (depth > 0 && pick(3) == 0) {
        add_line(indent, "-");
        write_container(child, indent + 2, depth - 1, 0);
      } else {
        add_line(indent, "- v" + std::to_string(line_ + 1));
        expected[child] = {line_, 0};
      }
    }
    expected[pointer] = {first_line_of(pointer), key_line_of_parent};
  }

 private:
  void write_container(const std::string& pointer, int indent, int depth, int key_line) {
    starts_[pointer] = line_ + 1;
    if (pick(2) == 0)
      write_map(pointer, indent, depth, key_line);
    else
      write_list(pointer, indent, depth, key_line);
  }
  int first_line_of(const std::string& pointer) {
    auto it = starts_.find(pointer);
    return it == starts_.end() ? 1 : it->second;
  }
  static std::string escape(const std::string& key) {
    std::string out;
    for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
  }
  void add_line(int indent, const std::string& content) {
    text += std::string(indent, ' ') + content + "\n";
    ++line_;
  }
  int pick(int n) { return static_cast<int>(random_() % static_cast<unsigned>(n)); }

  std::mt19937 random_;
  std::map<std::string, int> starts_;
  int line_ = 0;
};

}  // namespace

TEST_CASE("the position tree gives back every value's line and key line, by pointer", "[yaml]") {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    RandomDocument d(seed);
    d.write_map("", 0, 4, 0);
    auto r = read_yaml(d.text);
    INFO("seed " << seed << "\n" << d.text);
    REQUIRE(r.findings.empty());
    REQUIRE(r.doc->positions.size() == d.expected.size());
    for (const auto& [pointer, at] : d.expected) {
      INFO(pointer);
      CHECK(r.doc->value.contains(nlohmann::json::json_pointer(pointer)));
      const NodePosition* p = r.doc->positions.find(pointer);
      REQUIRE(p);
      CHECK(p->value.line == at.value_line);
      CHECK(p->has_key == (at.key_line != 0));
      if (at.key_line) CHECK(p->key.line == at.key_line);
      // Below a value that is not there, its nearest recorded ancestor.
      CHECK(r.doc->positions.locate(pointer + "/nothing/0").line == at.value_line);
    }
  }
}

TEST_CASE("syntax errors are placed at the parser's mark", "[yaml]") {
  auto r = read_yaml("a: [1, 2\nb: 3\n");
  REQUIRE_FALSE(r.doc);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "yaml-syntax");
  CHECK(r.findings[0].line >= 1);
}

TEST_CASE("tab indentation gets a hint", "[yaml]") {
  auto r = read_yaml("a:\n\tb: 1\n");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "yaml-syntax");
  CHECK(r.findings[0].line == 2);
  CHECK(r.findings[0].message.find("tabs are not allowed") != std::string::npos);
}

TEST_CASE("a second document is refused", "[yaml]") {
  auto r = read_yaml("a: 1\n---\nb: 2\n");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "yaml-syntax");
  CHECK(r.findings[0].line == 2);
}

TEST_CASE("an empty file is a null document", "[yaml]") {
  auto r = read_yaml("");
  REQUIRE(r.doc);
  CHECK(r.doc->value.is_null());
  CHECK(r.findings.empty());
}

TEST_CASE("aliases are expanded and placed at the alias", "[yaml]") {
  auto r = read_yaml("base: &b {x: 1}\ncopy: *b\n");
  REQUIRE(r.findings.empty());
  CHECK(r.doc->value["copy"]["x"] == 1);
  CHECK(r.doc->positions.locate("/copy/x").line == 2);
}

TEST_CASE("input limits", "[yaml][limits]") {
  SECTION("a file over the size limit is refused before parsing") {
    YamlLimits small;
    small.max_bytes = 10;
    auto r = read_yaml("a: 1234567890\n", small);
    REQUIRE_FALSE(r.doc);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "input-limit");
  }
  SECTION("nesting past 64 levels, at the 65th opening") {
    auto r = read_yaml(std::string(65, '[') + std::string(65, ']') + "\n");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "input-limit");
    CHECK(r.findings[0].column == 65);
    auto ok = read_yaml(std::string(64, '[') + std::string(64, ']') + "\n");
    CHECK(ok.findings.empty());
  }
  SECTION("a 1,000-deep nesting is refused fast") {
    auto r = read_yaml(std::string(1000, '[') + std::string(1000, ']') + "\n");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "input-limit");
  }
  SECTION("the alias bomb (9 levels x 10 aliases) is refused without expanding it") {
    std::string bomb = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n";
    std::string prev = "a";
    for (char level = 'b'; level <= 'i'; ++level) {
      bomb += std::string(1, level) + ": &" + level + " [";
      for (int i = 0; i < 10; ++i) bomb += (i ? ",*" : "*") + prev;
      bomb += "]\n";
      prev = std::string(1, level);
    }
    auto r = read_yaml(bomb);
    REQUIRE_FALSE(r.doc);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "input-limit");
    CHECK(r.findings[0].message.find("alias") != std::string::npos);
  }
  SECTION("a recursive alias is a syntax error, not a hang") {
    auto r = read_yaml("a: &a [*a]\n");
    REQUIRE_FALSE(r.doc);
    REQUIRE(r.findings.size() == 1);
  }
}

TEST_CASE("complex keys are refused", "[yaml]") {
  auto r = read_yaml("? [a, b]\n: 1\n");
  REQUIRE_FALSE(r.doc);
  CHECK(r.findings.at(0).rule == "yaml-syntax");
}

TEST_CASE("a megabyte plain scalar that looks like a number stays a string", "[yaml][limits]") {
  auto r = read_yaml("a: -" + std::string(1 << 20, '1') + "x\n");
  REQUIRE(r.doc);
  CHECK(r.doc->value["a"].is_string());
}

}  // namespace ipack

namespace ipack {

TEST_CASE("a quote left open to the end of the file is a syntax error at the quote", "[yaml]") {
  for (const char* text : {"a: 1\nb: 'open\nc: 2\n", "a: \"open\nc: 2\n"}) {
    auto r = read_yaml(text);
    REQUIRE_FALSE(r.doc);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "yaml-syntax");
    CHECK(r.findings[0].column == 4);
    CHECK(r.findings[0].message.find("never closed") != std::string::npos);
  }
  auto multi_line = read_yaml("a: 'one\n  two'\nb: \"x\\\"y\"\nc: 'it''s'\n");
  CHECK(multi_line.findings.empty());
}

TEST_CASE("an unclosed flow sequence names where it opened, on a line of the file", "[yaml]") {
  SourceFile source("pack.yaml", "a: 1\nb: [x, y\n");
  std::vector<Diagnostic> out;
  REQUIRE_FALSE(read_yaml(source, out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].rule == "yaml-syntax");
  CHECK(out[0].line <= source.line_count());
  CHECK(out[0].message.find("opened at line 2, column 4") != std::string::npos);
}

}  // namespace ipack

namespace ipack {

TEST_CASE("core schema numbers, and what only looks like one", "[yaml]") {
  auto r = read_yaml(
      "a: 1e5\nb: 1.\nc: .5\nd: -.5e-3\ne: 1e\nf: 1.2.3\ng: 0x\nh: 0o8\ni: +12\nj: -x\nk: 99999999999999999999\n");
  REQUIRE(r.doc);
  const auto& v = r.doc->value;
  CHECK(v["a"] == 100000.0);
  CHECK(v["b"] == 1.0);
  CHECK(v["c"] == 0.5);
  CHECK(v["d"] == -0.0005);
  CHECK(v["e"] == "1e");
  CHECK(v["f"] == "1.2.3");
  CHECK(v["g"] == "0x");
  CHECK(v["h"] == "0o8");
  CHECK(v["i"] == 12);
  CHECK(v["j"] == "-x");
  CHECK(v["k"].is_number_float());
}

}  // namespace ipack

namespace ipack {

TEST_CASE("a manifest that is not UTF-8 is a syntax error at the bad byte", "[yaml]") {
  auto r = read_yaml(
      "a: ok\nb: ab\x9C"
      "cd\n");
  REQUIRE_FALSE(r.doc);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "yaml-syntax");
  CHECK(r.findings[0].line == 2);
  CHECK(r.findings[0].column == 6);
  CHECK(r.findings[0].message.find("0x9C") != std::string::npos);
}

TEST_CASE("UTF-8 validation follows RFC 3629", "[yaml]") {
  CHECK(first_invalid_utf8("plain é ⇄ 😀") == std::string_view::npos);
  CHECK(first_invalid_utf8("\xC0\xAF") == 0);          // overlong
  CHECK(first_invalid_utf8("ab\xED\xA0\x80") == 2);    // surrogate
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0);  // past U+10FFFF
  CHECK(first_invalid_utf8("x\xE2\x87") == 1);         // cut short
}

}  // namespace ipack

namespace ipack {

TEST_CASE("aliases count the text they expand to, not only the values", "[yaml][limits]") {
  // An alias of a 2 MB string, repeated: few values, but gigabytes once expanded.
  std::string text = "a: &s \"" + std::string(2 << 20, 'x') + "\"\nb: [";
  for (int i = 0; i < 20; ++i) text += "*s, ";
  text += "*s]\n";
  auto r = read_yaml(text);
  CHECK_FALSE(r.doc);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "input-limit");
  CHECK_THAT(r.findings[0].message, Catch::Contains("past 16 MiB of text"));
  // Long keys repeated through aliases count too.
  std::string keys = "a: &m\n";  // keys of up to 1024 characters, as YAML allows
  for (int i = 0; i < 600; ++i) keys += "  k" + std::to_string(i) + std::string(1000, 'k') + ": 1\n";
  keys += "b: [";
  for (int i = 0; i < 30; ++i) keys += "*m, ";
  keys += "*m]\n";
  auto k = read_yaml(keys);
  REQUIRE(k.findings.size() == 1);
  CHECK_THAT(k.findings[0].message, Catch::Contains("past 16 MiB of text"));
}

TEST_CASE("4 MiB of open brackets is refused at the 65th, before the parser holds it", "[yaml][limits]") {
  YamlLimits limits;
  auto r = read_yaml("a: " + std::string(limits.max_bytes - 8, '['), limits);
  CHECK_FALSE(r.doc);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "input-limit");
  CHECK(r.findings[0].line == 1);
  CHECK(r.findings[0].column == 3 + 64);  // the root mapping is a level too
  // Brackets in quotes and comments are text; a plain scalar may hold them too.
  std::string fine = "a: \"" + std::string(100, '[') + "\"\nb: x[[[[[[[[\n# " + std::string(100, '{') + "\nc: [[1]]\n";
  auto ok = read_yaml(fine);
  CHECK(ok.findings.empty());
  CHECK(ok.doc->value["c"][0][0] == 1);
  // A value starts after a list entry's dash and after a comma too.
  for (std::string start : {"- ", "a: [1, "}) {
    auto deep = read_yaml(start + std::string(70, '['), limits);
    INFO(start);
    REQUIRE(deep.findings.size() == 1);
    CHECK(deep.findings[0].rule == "input-limit");
  }
}

TEST_CASE("lone CR line ends read as line ends", "[yaml]") {
  auto r = read_yaml("apiVersion: ipack/v1\rkind: IntegrationPack\rmetadata:\r  name: x\r");
  REQUIRE(r.findings.empty());
  CHECK(r.doc->value["kind"] == "IntegrationPack");
  CHECK(r.doc->value["metadata"]["name"] == "x");
  CHECK(r.doc->positions.find("/metadata/name")->value.line == 4);
}

TEST_CASE("many values on one long line are placed in linear time", "[yaml][limits]") {
  std::string text = "a: [";
  for (int i = 0; i < 90000; ++i) text += "abcdefghij, ";
  text += "z]\n";
  auto start = std::chrono::steady_clock::now();
  auto r = read_yaml(text);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  REQUIRE(r.findings.empty());
  CHECK(r.doc->positions.find("/a/90000")->value.column == static_cast<int>(text.size()) - 2);
}

}  // namespace ipack

#include "input/yaml_scalar.h"

namespace ipack {

TEST_CASE("scalar tags: plain and core tags resolve, !!str and other tags stay text", "[yaml]") {
  CHECK(resolve_scalar("?", "12") == 12);
  CHECK(resolve_scalar("!", "12") == "12");  // quoted or block
  CHECK(resolve_scalar("tag:yaml.org,2002:int", "12") == 12);
  CHECK(resolve_scalar("tag:yaml.org,2002:str", "12") == "12");
  CHECK(resolve_scalar("tag:yaml.org,2002:bool", "off") == "off");  // not a core boolean
  CHECK(resolve_scalar("!custom", "true") == "true");
  CHECK(resolve_scalar("?", "") == nullptr);
}

}  // namespace ipack
