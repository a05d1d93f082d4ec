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

namespace {

// The continuation bytes of a word of eight bytes, as the eight low bits of the answer (bit k:
// byte k, in memory order): each such byte's top bit is set and its next one clear, and the
// multiply gathers the top bits into the highest byte.
inline uint64_t continuation_bits(uint64_t word) {
  uint64_t tops = word & ~(word << 1) & 0x8080808080808080ull;
  return (tops * 0x0002040810204081ull) >> 56;
}

inline size_t ones(uint64_t word) { return static_cast<size_t>(__builtin_popcountll(word)); }

}  // namespace

static_assert(LineIndex::kBlock % 64 == 0, "a checkpoint's block is a whole number of 64-bit words");

void LineIndex::index_whole() const {
  extend_to(text_.size());
  if (ascii_ || !continuations_.empty()) return;
  continuations_.assign(text_.size() / 64 + 1, 0);
  size_t i = 0;
  // Eight bytes at a time where a word's first byte is its lowest (the bit order above).
  if constexpr (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
    for (; i + 8 <= text_.size(); i += 8) {
      uint64_t word;
      std::memcpy(&word, text_.data() + i, 8);
      continuations_[i / 64] |= continuation_bits(word) << (i % 64);
    }
  for (; i < text_.size(); ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) continuations_[i / 64] |= uint64_t{1} << (i % 64);
}

size_t LineIndex::code_points_before(size_t offset) const {
  if (ascii_) return offset;
  size_t block = offset / kBlock;
  size_t start = block * kBlock;
  if (continuations_.empty())
    return checkpoints_[block] +
           static_cast<size_t>(utf8_length(std::string_view(text_).substr(start, offset - start)));
  // The text may have changed since it was indexed: its marks are counted instead (kBlock is a
  // whole number of words).
  size_t continuations = 0;
  for (size_t w = start / 64; w < offset / 64; ++w) continuations += ones(continuations_[w]);
  if (offset % 64) continuations += ones(continuations_[offset / 64] & ((uint64_t{1} << (offset % 64)) - 1));
  return checkpoints_[block] + (offset - start) - continuations;
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
