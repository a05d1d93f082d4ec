#include "components/line_index.h"

#include <algorithm>
#include <cstring>

#include "input/source_file.h"

namespace ipack {

void LineIndex::extend_to(size_t offset) const {
  // Two tight passes (memchr, then a count per block) are cheaper than one byte loop doing both.
  if (offset > lines_scanned_) {
    const char* begin = text_.data();
    const char* end = begin + offset;
    for (const char* p = begin + lines_scanned_; (p = static_cast<const char*>(std::memchr(p, '\n', end - p)));)
      line_starts_.push_back(static_cast<size_t>(++p - begin));
    lines_scanned_ = offset;
  }
  while (!ascii_ && (checkpoints_.size() - 1) * kBlock + kBlock <= offset) {
    size_t start = (checkpoints_.size() - 1) * kBlock;
    checkpoints_.push_back(checkpoints_.back() +
                           static_cast<size_t>(utf8_length(std::string_view(text_).substr(start, kBlock))));
  }
}

size_t LineIndex::code_points_before(size_t offset) const {
  if (ascii_) return offset;
  size_t block = offset / kBlock;
  size_t start = block * kBlock;
  return checkpoints_[block] + static_cast<size_t>(utf8_length(std::string_view(text_).substr(start, offset - start)));
}

XmlPosition LineIndex::at(size_t offset) const {
  offset = std::min(offset, text_.size());
  extend_to(offset);
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin());
  size_t start = line_starts_[line - 1];
  size_t column = code_points_before(offset) - code_points_before(start) + 1;
  return {static_cast<int>(line), static_cast<int>(column)};
}

}  // namespace ipack
