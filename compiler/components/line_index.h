#pragma once
/// Offsets in an export's bytes → 1-based line and column (code points), in time linear in
/// the file overall: exports from the Component API are often one line of many MB.

#include <cstdint>
#include <string>
#include <vector>

#include "components/component.h"

namespace ipack {

class LineIndex {
 public:
  static constexpr size_t kBlock = 1024;  ///< bytes between code-point checkpoints

  /// `ascii`: the caller knows every byte is ASCII, so that a column is a byte count and no
  /// code point is counted.
  explicit LineIndex(const std::string& text, bool ascii = false) : text_(text), ascii_(ascii) {}
  /// The line and column of byte `offset` (clamped to the text's size). The index is built
  /// lazily, only as far as the offsets asked for: an export whose only position is its
  /// envelope's costs nothing.
  XmlPosition at(size_t offset) const;
  /// Indexes the whole text now, and for a text that is not ASCII marks where its code points
  /// start (an eighth of its size). After it, `at` reads nothing of the text but its size: the
  /// text may then change (pugixml parsing it in place) and positions stay those of the text
  /// as it was.
  void index_whole() const;

 private:
  /// Code points in text[0, offset): a checkpoint every kBlock bytes, then a short count.
  size_t code_points_before(size_t offset) const;
  /// Indexes lines and checkpoints up to `offset`.
  void extend_to(size_t offset) const;

  const std::string& text_;
  const bool ascii_;
  mutable std::vector<size_t> line_starts_{0};
  mutable size_t lines_scanned_ = 0;            ///< bytes searched for line breaks so far
  mutable std::vector<size_t> checkpoints_{0};  ///< code points before byte i * kBlock
  /// After index_whole() on a text that is not ASCII: bit j of word i is set when byte
  /// 64 * i + j is a UTF-8 continuation byte (10xxxxxx), one that starts no code point.
  mutable std::vector<uint64_t> continuations_;
};

}  // namespace ipack
