#include "input/yaml_hints.h"

#include <vector>

#include <fmt/format.h>

namespace ipack {
namespace {

struct Line {
  int number = 0;
  std::string_view text;  ///< without the line break
  int indent = 0;         ///< leading spaces
  bool content = false;   ///< not blank and not only a comment
};

std::vector<Line> lines_of(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (size_t at = 0; at <= text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view t = text.substr(at, end - at);
    if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
    Line l{++number, t, 0, false};
    size_t first = t.find_first_not_of(' ');
    l.indent = first == std::string_view::npos ? static_cast<int>(t.size()) : static_cast<int>(first);
    l.content = first != std::string_view::npos && t[first] != '#' && t[first] != '\t';
    lines.push_back(l);
    if (end == text.size()) break;
    at = end + 1;
  }
  return lines;
}

// Where the value of a `key: value` or `- value` line starts (after the indentation and any
// `- ` markers and the key), or npos when the line has no value on it.
size_t value_start(std::string_view t, size_t from) {
  // npos + 1 wraps to 0: a line of `- ` markers and spaces only must end the loop, not index t[npos].
  while (from != std::string_view::npos && from + 1 < t.size() && t[from] == '-' && t[from + 1] == ' ')
    from = t.find_first_not_of(' ', from + 1);
  if (from == std::string_view::npos || from >= t.size()) return std::string_view::npos;
  if (t[from] == '"' || t[from] == '\'') return from;  // a quoted item or key: treated as a value
  for (size_t i = from; i < t.size(); ++i) {
    if (t[i] == '#' && i > from && t[i - 1] == ' ') return std::string_view::npos;
    if (t[i] == ':' && (i + 1 == t.size() || t[i + 1] == ' ')) {
      size_t v = t.find_first_not_of(' ', i + 1);
      return v == std::string_view::npos ? std::string_view::npos : v;
    }
  }
  return std::string_view::npos;
}

// The column (0-based) where a line's key or value starts, after its `- ` markers.
int key_column(std::string_view t, int indent) {
  size_t at = static_cast<size_t>(indent);
  while (at != std::string_view::npos && at + 1 < t.size() && t[at] == '-' && t[at + 1] == ' ')
    at = t.find_first_not_of(' ', at + 1);
  return at == std::string_view::npos ? static_cast<int>(t.size()) : static_cast<int>(at);
}

// Whether the quoted scalar opening at `t[at]` closes on the same line.
bool closes_on_line(std::string_view t, size_t at) {
  char q = t[at];
  for (size_t i = at + 1; i < t.size(); ++i) {
    if (q == '"' && t[i] == '\\') {
      ++i;
    } else if (t[i] == q) {
      if (q == '\'' && i + 1 < t.size() && t[i + 1] == '\'') {
        ++i;
        continue;
      }
      return true;
    }
  }
  return false;
}

// `key: |`, `key: >-`…: a block scalar whose lines follow, more indented.
bool opens_block_scalar(std::string_view t, size_t value) {
  return value != std::string_view::npos && (t[value] == '|' || t[value] == '>');
}

// The line ends its content with `:` (a key whose value is the block below) or is a bare `-`.
bool opens_block(std::string_view t) {
  size_t end = t.size();
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i] == '#' && i > 0 && t[i - 1] == ' ') {
      end = i;
      break;
    }
  std::string_view c = t.substr(0, end);
  while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
  return !c.empty() && (c.back() == ':' || (c.back() == '-' && (c.size() == 1 || c[c.size() - 2] == ' ')));
}

}  // namespace

std::optional<YamlHint> unclosed_quote_hint(std::string_view text) {
  auto lines = lines_of(text);
  int block_indent = -1;  // inside a block scalar: the indentation of its key
  for (size_t n = 0; n < lines.size(); ++n) {
    const Line& l = lines[n];
    if (!l.content) continue;
    if (block_indent >= 0 && l.indent > block_indent) continue;
    block_indent = -1;
    size_t v = value_start(l.text, static_cast<size_t>(l.indent));
    if (opens_block_scalar(l.text, v)) block_indent = key_column(l.text, l.indent);
    if (v == std::string_view::npos || (l.text[v] != '"' && l.text[v] != '\'') || closes_on_line(l.text, v)) continue;
    // A quoted string may go on over lines more indented than its key; one followed by a line
    // at its key's depth or shallower is a string left open.
    size_t next = n + 1;
    while (next < lines.size() && !lines[next].content) ++next;
    if (next < lines.size() && lines[next].indent > key_column(l.text, l.indent)) continue;
    return YamlHint{l.number, static_cast<int>(v) + 1,
                    fmt::format("this quoted string is not closed on its line, so the rest of the file is read "
                                "into it: add the closing {}",
                                l.text[v])};
  }
  return std::nullopt;
}

std::optional<YamlHint> indentation_hint(std::string_view text, int last_line) {
  auto lines = lines_of(text);
  std::vector<int> levels;  // the enclosing blocks' indentations, outermost first
  bool block_follows = true;
  int block_indent = -1;
  for (const Line& l : lines) {
    if (l.number > last_line) break;
    if (!l.content) continue;
    if (block_indent >= 0 && l.indent > block_indent) continue;
    block_indent = -1;
    bool item = l.text.size() > static_cast<size_t>(l.indent) + 1 && l.text[l.indent] == '-' &&
                (l.text[l.indent + 1] == ' ' || l.text.size() == static_cast<size_t>(l.indent) + 1);
    if (levels.empty() || (block_follows && l.indent > levels.back())) {
      levels.push_back(l.indent);
    } else if (l.indent > levels.back()) {
      return YamlHint{l.number, l.indent + 1,
                      fmt::format("line {} is indented by {} spaces, deeper than the line above allows: a key "
                                  "goes at the depth of the keys beside it",
                                  l.number, l.indent)};
    } else {
      while (!levels.empty() && levels.back() > l.indent) levels.pop_back();
      if (levels.empty() || levels.back() != l.indent) {
        std::string known;
        for (int d : levels) known += (known.empty() ? "" : ", ") + std::to_string(d);
        return YamlHint{l.number, l.indent + 1,
                        fmt::format("line {} is indented by {} spaces, which matches no enclosing block{}: indent "
                                    "it like the keys it belongs with",
                                    l.number, l.indent, known.empty() ? "" : " (those here are at " + known + ")")};
      }
    }
    // "- key: value": the item's mapping is two columns in.
    if (item && value_start(l.text, static_cast<size_t>(l.indent)) != std::string_view::npos)
      levels.push_back(l.indent + 2);
    size_t v = value_start(l.text, static_cast<size_t>(l.indent));
    if (opens_block_scalar(l.text, v)) block_indent = key_column(l.text, l.indent);
    block_follows = opens_block(l.text);
  }
  return std::nullopt;
}

}  // namespace ipack
