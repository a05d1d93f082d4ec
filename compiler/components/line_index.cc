#include "components/line_index.h"

#include <algorithm>

#include "source_file.h"

namespace ipack {

LineIndex::LineIndex(const std::string& text) : text_(text) {
  line_starts_.push_back(0);
  checkpoints_.reserve(text.size() / kBlock + 1);
  size_t code_points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) checkpoints_.push_back(code_points);
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) ++code_points;
    if (c == '\n') line_starts_.push_back(i + 1);
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
