#pragma once
/// Where each value of a YAML document stands in its file, keyed by JSON Pointer. Built once
/// while reading; every later stage places its findings through it.

#include <string>
#include <string_view>
#include <unordered_map>

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

class PositionMap {
 public:
  void set(std::string pointer, NodePosition position);
  const NodePosition* find(std::string_view pointer) const;
  /// The span of `pointer`, or of its nearest recorded ancestor (a value that came from an
  /// alias is placed at the alias). `At::Key` falls back to the value when there is no key.
  Span locate(std::string_view pointer, At at = At::Value) const;
  size_t size() const { return map_.size(); }

 private:
  std::unordered_map<std::string, NodePosition> map_;
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
