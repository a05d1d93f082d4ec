#include "input/position_map.h"

namespace ipack {

void PositionMap::set(std::string pointer, NodePosition position) { map_[std::move(pointer)] = position; }

const NodePosition* PositionMap::find(std::string_view pointer) const {
  auto it = map_.find(std::string(pointer));
  return it == map_.end() ? nullptr : &it->second;
}

Span PositionMap::locate(std::string_view pointer, At at) const {
  for (;;) {
    if (const NodePosition* p = find(pointer)) return at == At::Key && p->has_key ? p->key : p->value;
    if (pointer.empty()) return Span{};
    pointer = pointer_parent(pointer);
    at = At::Value;
  }
}

std::string pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string pointer_join(std::string_view base, std::string_view token) {
  std::string out(base);
  out += '/';
  out += pointer_token(token);
  return out;
}

std::string pointer_join(std::string_view base, size_t index) {
  std::string out(base);
  out += '/';
  out += std::to_string(index);
  return out;
}

std::string_view pointer_parent(std::string_view pointer) {
  size_t slash = pointer.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : pointer.substr(0, slash);
}

std::string pointer_last(std::string_view pointer) {
  size_t slash = pointer.rfind('/');
  std::string_view raw = slash == std::string_view::npos ? std::string_view{} : pointer.substr(slash + 1);
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '~' && i + 1 < raw.size()) {
      out += raw[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += raw[i];
    }
  }
  return out;
}

}  // namespace ipack
