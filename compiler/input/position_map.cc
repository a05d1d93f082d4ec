#include "input/position_map.h"

#include <charconv>

namespace ipack {

PositionMap::Node PositionMap::add(Node parent, std::string_view key, const NodePosition& position) {
  Node node = static_cast<Node>(nodes_.size());
  Entry& e = nodes_.emplace_back();
  e.position = position;
  if (position.has_key) e.key = key;
  e.parent = parent;
  if (parent != kNone) {
    Entry& p = nodes_[parent];
    if (p.last_child == kNone) {
      p.first_child = node;
    } else {
      Entry& previous = nodes_[p.last_child];
      previous.next_sibling = node;
      e.index = previous.index + 1;
    }
    p.last_child = node;
  }
  return node;
}

std::string PositionMap::pointer_of(Node node) const {
  std::vector<Node> chain;
  for (Node n = node; n != kNone && nodes_[n].parent != kNone; n = nodes_[n].parent) chain.push_back(n);
  std::string pointer;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Entry& e = nodes_[*it];
    pointer = e.position.has_key ? pointer_join(pointer, e.key) : pointer_join(pointer, e.index);
  }
  return pointer;
}

PositionMap::Node PositionMap::child(Node parent, std::string_view token) const {
  const Entry& p = nodes_[parent];
  if (p.first_child == kNone) return kNone;
  if (nodes_[p.first_child].position.has_key) {
    std::string key;
    bool escaped = token.find('~') != std::string_view::npos;
    if (escaped) key = pointer_last("/" + std::string(token));
    std::string_view wanted = escaped ? std::string_view(key) : token;
    Node found = kNone;  // the last member under that key: the one the document keeps
    for (Node c = p.first_child; c != kNone; c = nodes_[c].next_sibling)
      if (nodes_[c].key == wanted) found = c;
    return found;
  }
  // A list entry's index, written as JSON Pointer writes it: decimal, no leading zero.
  uint32_t index = 0;
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return kNone;
  auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (error != std::errc() || end != token.data() + token.size()) return kNone;
  for (Node c = p.first_child; c != kNone; c = nodes_[c].next_sibling)
    if (nodes_[c].index == index) return c;
  return kNone;
}

PositionMap::Node PositionMap::deepest(std::string_view pointer, bool& whole) const {
  whole = false;
  if (nodes_.empty()) return kNone;
  Node node = 0;
  if (!pointer.empty()) {
    if (pointer[0] != '/') return node;
    pointer.remove_prefix(1);
    for (;;) {
      size_t slash = pointer.find('/');
      Node next = child(node, pointer.substr(0, slash));
      if (next == kNone) return node;
      node = next;
      if (slash == std::string_view::npos) break;
      pointer.remove_prefix(slash + 1);
    }
  }
  whole = true;
  return node;
}

const NodePosition* PositionMap::find(std::string_view pointer) const {
  bool whole = false;
  Node node = deepest(pointer, whole);
  return whole ? &nodes_[node].position : nullptr;
}

Span PositionMap::locate(std::string_view pointer, At at) const {
  bool whole = false;
  Node node = deepest(pointer, whole);
  if (node == kNone) return Span{};
  const NodePosition& p = nodes_[node].position;
  return whole && at == At::Key && p.has_key ? p.key : p.value;
}

namespace {

void append_token(std::string& out, std::string_view token) {
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
}

}  // namespace

std::string pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  append_token(out, token);
  return out;
}

// One allocation: a manifest's model makes a pointer for each of its fields.
std::string pointer_join(std::string_view base, std::string_view token) {
  std::string out;
  out.reserve(base.size() + 1 + token.size());
  out += base;
  out += '/';
  append_token(out, token);
  return out;
}

std::string pointer_join(std::string_view base, size_t index) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, index).ptr;
  std::string out;
  out.reserve(base.size() + 1 + static_cast<size_t>(end - digits));
  out += base;
  out += '/';
  out.append(digits, end);
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
