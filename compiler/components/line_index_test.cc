#include "components/line_index.h"

#include <catch2/catch.hpp>

#include "input/source_file.h"

namespace ipack {

TEST_CASE("line index: lines and code-point columns, across block boundaries", "[export]") {
  std::string text = "ab\n";
  for (int i = 0; i < 3000; ++i) text += "é";  // 6,000 bytes on line 2: several 1 KiB blocks
  text += "x\ny";
  LineIndex lines(text);
  CHECK(lines.at(0).line == 1);
  CHECK(lines.at(1).column == 2);
  XmlPosition x = lines.at(text.find('x'));
  CHECK(x.line == 2);
  CHECK(x.column == 3001);
  XmlPosition y = lines.at(text.size() - 1);
  CHECK(y.line == 3);
  CHECK(y.column == 1);
  CHECK(lines.at(text.size() + 10).column == 2);  // clamped to the end
  std::string nothing;
  CHECK(LineIndex(nothing).at(0).column == 1);
}

TEST_CASE("line index: indexed whole, it answers the same after the text is overwritten", "[export]") {
  // Code points of one to four bytes across word and block boundaries, lines of all lengths.
  std::string text;
  const char* pieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\n", "bc", "\r\n"};
  for (int i = 0; i < 5000; ++i) text += pieces[(i * 7 + i / 13) % 7];
  for (bool ascii_text : {false, true}) {
    std::string original = ascii_text ? std::string(9000, 'x') + "\n" + std::string(3000, 'y') : text;
    bool ascii = false;
    REQUIRE(first_invalid_utf8(original, ascii) == std::string::npos);
    REQUIRE(ascii == ascii_text);
    std::string changing = original;
    LineIndex reference(original, ascii), whole(changing, ascii);
    whole.index_whole();
    for (char& c : changing) c = c == '\n' ? '\x80' : '\n';  // no line, no code point is where it was
    for (size_t offset = 0; offset <= original.size() + 1; offset += offset < 2100 ? 1 : 7) {
      XmlPosition want = reference.at(offset), got = whole.at(offset);
      REQUIRE(got.line == want.line);
      REQUIRE(got.column == want.column);
    }
  }
}

TEST_CASE("line index: an all-ASCII text gives the same positions without counting code points", "[export]") {
  std::string text = "<a>\n";
  for (int i = 0; i < 700; ++i) text += "<b x=\"1\"/>\n";  // over 1 KiB blocks, many lines
  text += std::string(5000, 'z');                          // a long last line
  bool ascii = false;
  REQUIRE(first_invalid_utf8(text, ascii) == std::string::npos);
  REQUIRE(ascii);
  LineIndex counted(text), by_bytes(text, true);
  for (size_t offset :
       {size_t{0}, size_t{3}, size_t{4}, size_t{1023}, size_t{1024}, size_t{5000}, text.size() - 1, text.size()}) {
    CHECK(by_bytes.at(offset).line == counted.at(offset).line);
    CHECK(by_bytes.at(offset).column == counted.at(offset).column);
  }
  std::string accented = "caf\xC3\xA9";
  REQUIRE(first_invalid_utf8(accented, ascii) == std::string::npos);
  CHECK_FALSE(ascii);
}

}  // namespace ipack
