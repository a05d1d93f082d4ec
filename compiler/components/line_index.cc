#include "components/line_index.h"

#include <algorithm>
#include <cstring>

#include "source_file.h"

namespace ipack {

LineIndex::LineIndex(const std::string& text) : text_(text) {
  line_starts_.push_back(0);
  for (const char* p = text.data(); (p = static_cast<const char*>(std::memchr(p, '\n', text.data() + text.size() - p)));)
    line_starts_.push_back(static_cast<size_t>(++p - text.data()));
  // Two tight passes (memchr, then a count per block) are cheaper than one byte loop doing both.
  checkpoints_.reserve(text.size() / kBlock + 2);
  size_t code_points = 0;
  for (size_t start = 0; start < text.size(); start += kBlock) {
    checkpoints_.push_back(code_points);
    code_points += static_cast<size_t>(utf8_length(std::string_view(text).substr(start, kBlock)));
  }
  if (text.size() % kBlock == 0) checkpoints_.push_back(code_points);
}

size_t LineIndex::code_points_before(size_t offset) const {
  size_t block = offset / kBlock;
  size_t start = block * kBlock;
  return checkpoints_[block] + static_cast<size_t>(utf8_length(std::string_view(text_).substr(start, offset - start)));
}

XmlPosition LineIndex::at(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin());
  size_t start = line_starts_[line - 1];
  size_t column = code_points_before(offset) - code_points_before(start) + 1;
  return {static_cast<int>(line), static_cast<int>(column)};
}

}  // namespace ipack
