#pragma once
/// A text file held in memory, with line lookup for rendering findings.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ipack {

class SourceFile {
 public:
  /// `display_path` is what findings print (relative to the current directory).
  SourceFile(std::string display_path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  int line_count() const { return static_cast<int>(line_starts_.size()); }
  /// Line `n` (1-based) without its line break (LF, CRLF or CR); empty when out of range.
  std::string_view line(int n) const;
  /// The line (1-based) that holds byte `offset`.
  int line_of_offset(size_t offset) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

/// The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no
/// overlong forms, no surrogates, nothing past U+10FFFF), or npos when it all is.
size_t first_invalid_utf8(std::string_view s);
/// The same, and whether every byte is ASCII (then a column is a byte count).
size_t first_invalid_utf8(std::string_view s, bool& all_ascii);

/// `s` with each byte that is not part of well-formed UTF-8 replaced by U+FFFD, so that text
/// output stays UTF-8 when it quotes a broken file. Code point counts are unchanged.
std::string with_utf8_replacements(std::string_view s);

/// Number of Unicode code points in a UTF-8 string (continuation bytes are not counted).
int utf8_length(std::string_view s);
/// Byte offset of the code point at 1-based `column` in `line` (clamped to its size).
size_t utf8_offset_of_column(std::string_view line, int column);

}  // namespace ipack
