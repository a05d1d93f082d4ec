#include "input/source_file.h"

#include <cstdint>
#include <cstring>

#include <algorithm>

namespace ipack {

SourceFile::SourceFile(std::string display_path, std::string text)
    : path_(std::move(display_path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  if (text_.find('\r') == std::string::npos) {  // most files: lines end with \n alone
    for (size_t i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1))
      line_starts_.push_back(i + 1);
    return;
  }
  for (size_t i = 0; i < text_.size(); ++i) {
    char c = text_[i];
    if (c == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
    if (c == '\n' || c == '\r') line_starts_.push_back(i + 1);
  }
}

std::string_view SourceFile::line(int n) const {
  if (n < 1 || n > line_count()) return {};
  size_t start = line_starts_[n - 1];
  size_t end = n < line_count() ? line_starts_[n] : text_.size();
  std::string_view s(text_.data() + start, end - start);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  // The BOM is not part of what the user sees on line 1.
  if (n == 1 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

int SourceFile::line_of_offset(size_t offset) const {
  return static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
}

size_t first_invalid_utf8(std::string_view s) {
  bool all_ascii;
  return first_invalid_utf8(s, all_ascii);
}

size_t first_invalid_utf8(std::string_view s, bool& all_ascii) {
  all_ascii = true;
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  size_t i = 0;
  while (i < s.size()) {
    // ASCII, 32 bytes at a time, then 8: most of an export or a manifest. Four words or-ed together
    // and tested once take about a quarter of the time of four tests (docs/performance.md).
    while (i + 32 <= s.size()) {
      uint64_t words[4];
      std::memcpy(words, s.data() + i, sizeof words);
      if (((words[0] | words[1] | words[2] | words[3]) & 0x8080808080808080ull) != 0) break;
      i += 32;
    }
    uint64_t word;
    if (i + 8 <= s.size() && (std::memcpy(&word, s.data() + i, 8), (word & 0x8080808080808080ull) == 0)) {
      i += 8;
      continue;
    }
    unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    all_ascii = false;
    size_t n;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF)
      n = 2;
    else if (c == 0xE0)
      n = 3, low = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
      n = 3;
    else if (c == 0xED)
      n = 3, high = 0x9F;
    else if (c == 0xF0)
      n = 4, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
      n = 4;
    else if (c == 0xF4)
      n = 4, high = 0x8F;
    else
      return i;
    if (i + n > s.size() || byte(i + 1) < low || byte(i + 1) > high) return i;
    for (size_t k = 2; k < n; ++k)
      if ((byte(i + k) & 0xC0) != 0x80) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string with_utf8_replacements(std::string_view s) {
  std::string out;
  while (!s.empty()) {
    size_t bad = first_invalid_utf8(s);
    if (bad == std::string_view::npos) {
      out += s;
      break;
    }
    out += s.substr(0, bad);
    out += "\xEF\xBF\xBD";
    s.remove_prefix(bad + 1);
    // Continuation bytes after a bad lead byte are not code points of their own (utf8_length
    // does not count them either): drop them with it.
    while (!s.empty() && (static_cast<unsigned char>(s[0]) & 0xC0) == 0x80) s.remove_prefix(1);
  }
  return out;
}

int utf8_length(std::string_view s) {
  // A word at a time: a continuation byte (10xxxxxx) has its top bit set and the next one clear.
  size_t continuations = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    // One bit per continuation byte, moved to the byte's low bit and summed by a multiply (no
    // popcount call: the build does not assume the POPCNT instruction).
    uint64_t ones = (word & ~(word << 1) & 0x8080808080808080ull) >> 7;
    continuations += static_cast<size_t>((ones * 0x0101010101010101ull) >> 56);
  }
  for (; i < s.size(); ++i) continuations += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return static_cast<int>(s.size() - continuations);
}

size_t utf8_offset_of_column(std::string_view line, int column) {
  int seen = 1;
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    if (seen == column) return i;
    ++seen;
  }
  return line.size();
}

}  // namespace ipack
