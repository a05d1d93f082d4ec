#pragma once
/// Where each value of a YAML document stands in its file, found by JSON Pointer. Built once
/// while reading, in document order; every later stage places its findings through it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ipack {

/// 1-based line and column (code points); `end_column` is exclusive, 0 when unknown.
struct Span {
  int line = 1;
  int column = 1;
  int end_line = 0;
  int end_column = 0;
};

struct NodePosition {
  Span value;
  Span key;  ///< the member's key, when the node is a mapping member
  bool has_key = false;
};

enum class At { Value, Key };

/// The values' positions as a tree in document order: each value knows its parent, its key
/// (a mapping member's) or its index (a list entry's), and its first child and next sibling.
/// Nothing is keyed by pointer text while reading; a pointer is followed token by token when a
/// finding asks for it.
class PositionMap {
 public:
  using Node = uint32_t;
  static constexpr Node kNone = UINT32_MAX;

  /// Records a value, after its parent (`kNone` for the document's root): a member of a
  /// mapping when `position.has_key` (under `key`), else the parent's next list entry.
  Node add(Node parent, std::string_view key, const NodePosition& position);
  /// The members of mapping `parent`, in document order (keys may repeat).
  template <typename F> void for_each_member(Node parent, F&& f) const {
    for (Node c = nodes_[parent].first_child; c != kNone; c = nodes_[c].next_sibling)
      f(nodes_[c].key, nodes_[c].position);
  }
  /// The JSON Pointer of a recorded value.
  std::string pointer_of(Node node) const;

  /// The position recorded at `pointer`; for a key that repeats, its last value's, which the
  /// document keeps. nullptr when nothing is recorded there (a value inside an alias's
  /// expansion is not: the alias is).
  const NodePosition* find(std::string_view pointer) const;
  /// The span of `pointer`, or of its nearest recorded ancestor (a value that came from an
  /// alias is placed at the alias). `At::Key` falls back to the value when there is no key.
  Span locate(std::string_view pointer, At at = At::Value) const;
  size_t size() const { return nodes_.size(); }

 private:
  struct Entry {
    NodePosition position;
    std::string key;  ///< a member's key; empty for list entries and the root
    Node parent = kNone;
    Node first_child = kNone;
    Node last_child = kNone;
    Node next_sibling = kNone;
    uint32_t index = 0;  ///< among its parent's children
  };
  /// The child of `parent` that one reference token names, or kNone.
  Node child(Node parent, std::string_view token) const;
  /// The value `pointer` names, or its deepest recorded ancestor (`whole` false); kNone when
  /// nothing is recorded.
  Node deepest(std::string_view pointer, bool& whole) const;
  std::vector<Entry> nodes_;
};

/// Escapes one reference token ("~" → "~0", "/" → "~1").
std::string pointer_token(std::string_view token);
/// `base` + "/" + escaped token.
std::string pointer_join(std::string_view base, std::string_view token);
std::string pointer_join(std::string_view base, size_t index);
/// The parent of a pointer ("" for the root and for top-level members).
std::string_view pointer_parent(std::string_view pointer);
/// The last token, unescaped ("" for the root).
std::string pointer_last(std::string_view pointer);

}  // namespace ipack
