#include "input/yaml_document.h"

#include <algorithm>
#include <array>
#include <memory>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "base/rule_ids.h"
#include "input/yaml_hints.h"
#include "input/yaml_scalar.h"

namespace ipack {
namespace {

using nlohmann::json;

// Thrown out of the event handler to stop the parser at the first finding it cannot go past.
struct StopReading {
  std::string rule;
  YAML::Mark mark;
  std::string message;
};

// 100000 → "100,000"
std::string with_thousands(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

class DocumentBuilder : public YAML::EventHandler {
 public:
  /// `ascii`: the file is all ASCII, so a column is a byte count.
  DocumentBuilder(const SourceFile& source, const YamlLimits& limits, std::vector<Diagnostic>& out, bool ascii)
      : source_(source), limits_(limits), out_(out), ascii_(ascii) {}

  YamlDocument take() { return std::move(doc_); }

  /// The innermost mapping or sequence still open, when there is one.
  std::optional<Span> innermost_open() const {
    if (frames_.empty()) return std::nullopt;
    return frames_.back().span;
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      throw StopReading{rule_ids::kYamlSyntax, mark,
                        "a manifest holds one YAML document, but a second one starts here; split it into its own file"};
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    std::string_view rest = rest_of_line(mark);
    size_t length = 0;
    if (rest.substr(0, 1) == "~") length = 1;
    for (const char* word : {"null", "Null", "NULL"})
      if (rest.substr(0, 4) == word) length = 4;
    Span span = span_at(mark, length);
    // An empty value has no text of its own; place it at its key.
    if (length == 0 && !frames_.empty() && frames_.back().is_map && !frames_.back().expecting_key)
      span = frames_.back().key_span;
    add_value(json(nullptr), span, anchor, 1, 0, mark);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      throw StopReading{rule_ids::kYamlSyntax, mark,
                        "this alias refers to a node that contains it; a manifest cannot be recursive"};
    aliased_ = true;
    Span span = span_at(mark, alias_length(mark));
    add_value(it->second.value, span, 0, it->second.nodes, it->second.bytes, mark);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_quote_closed(mark);
    Span span = scalar_span(mark, value);
    if (!frames_.empty() && frames_.back().is_map && frames_.back().expecting_key) {
      on_key(value, span, mark);
      return;
    }
    add_value(resolve_scalar(tag, value), span, anchor, 1, value.size(), mark);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    json value;
    bool is_map = false;
    bool expecting_key = true;
    PositionMap::Node node = PositionMap::kNone;  // its own position
    std::string key;                              // pending key, when is_map && !expecting_key
    Span key_span;
    // Key → line of its first occurrence, made at the mapping's first repeated key (until then
    // the value itself tells a repeat, and the position tree where the first one was).
    std::unique_ptr<std::unordered_map<std::string, int>> key_lines;
    YAML::anchor_t anchor = 0;
    size_t nodes_at_open = 0;
    size_t bytes_at_open = 0;
    Span span;  // where it opened
  };
  struct Anchored {
    json value;
    size_t nodes;
    size_t bytes;  // of keys and scalars, aliases expanded
  };

  // yaml-cpp takes a quoted scalar that is never closed as running to the end of the file,
  // which would silently swallow the rest of the manifest.
  void check_quote_closed(const YAML::Mark& mark) const {
    std::string_view text = source_.text();
    size_t at = static_cast<size_t>(mark.pos) + (text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    if (at >= text.size() || (text[at] != '"' && text[at] != '\'')) return;
    char q = text[at];
    for (size_t i = at + 1; i < text.size(); ++i) {
      if (q == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == q) {
        if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
          continue;
        }
        return;
      }
    }
    throw StopReading{rule_ids::kYamlSyntax, mark,
                      fmt::format("this quoted string is never closed: add the closing {}", q)};
  }

  std::string_view rest_of_line(const YAML::Mark& mark) const {
    std::string_view line = source_.line(mark.line + 1);
    return mark.column < static_cast<int>(line.size()) ? line.substr(mark.column) : std::string_view{};
  }

  // Marks come in order along a line, so the column of the last one is where counting
  // resumes: linear on a line of many values, not quadratic.
  int column_of(const YAML::Mark& mark) const {
    std::string_view line = source_.line(mark.line + 1);
    size_t byte = std::min<size_t>(mark.column, line.size());
    if (ascii_) return static_cast<int>(byte) + 1;
    if (mark.line != cached_line_ || byte < cached_byte_) {
      cached_line_ = mark.line;
      cached_byte_ = 0;
      cached_column_ = 0;
    }
    cached_column_ += utf8_length(line.substr(cached_byte_, byte - cached_byte_));
    cached_byte_ = byte;
    return cached_column_ + 1;
  }

  Span span_at(const YAML::Mark& mark, size_t byte_length) const {
    Span s;
    s.line = mark.line + 1;
    s.column = column_of(mark);
    if (byte_length > 0) {
      std::string_view rest = rest_of_line(mark);
      s.end_line = s.line;
      std::string_view text = rest.substr(0, std::min(byte_length, rest.size()));
      s.end_column = s.column + (ascii_ ? static_cast<int>(text.size()) : utf8_length(text));
    }
    return s;
  }

  size_t alias_length(const YAML::Mark& mark) const {
    std::string_view rest = rest_of_line(mark);
    size_t n = 1;
    while (n < rest.size() && rest[n] != ' ' && rest[n] != ',' && rest[n] != ']' && rest[n] != '}') ++n;
    return n;
  }

  // The extent of a scalar's text on its first line: quoted up to the closing quote, plain
  // exactly its value when it stands there verbatim, block scalars just their indicator.
  Span scalar_span(const YAML::Mark& mark, const std::string& value) const {
    std::string_view rest = rest_of_line(mark);
    if (rest.empty()) return span_at(mark, 0);
    char q = rest[0];
    if (q == '"' || q == '\'') {
      for (size_t i = 1; i < rest.size(); ++i) {
        if (q == '"' && rest[i] == '\\') {
          ++i;
        } else if (rest[i] == q) {
          if (q == '\'' && i + 1 < rest.size() && rest[i + 1] == '\'') {
            ++i;
            continue;
          }
          return span_at(mark, i + 1);
        }
      }
      return span_at(mark, rest.size());
    }
    if (q == '|' || q == '>') return span_at(mark, 1);
    if (!value.empty() && rest.substr(0, value.size()) == value) return span_at(mark, value.size());
    size_t end = rest.find(" #");
    std::string_view text = rest.substr(0, end);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return span_at(mark, text.size());
  }

  void count_nodes(size_t n, const YAML::Mark& mark) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes)
      throw StopReading{
          rule_ids::kInputLimit, mark,
          aliased_
              ? fmt::format("aliases here would expand the document past {} values; write the values out "
                            "or use fewer nested aliases",
                            with_thousands(limits_.max_nodes))
              : fmt::format("the document holds more than {} values; split it", with_thousands(limits_.max_nodes))};
  }

  // Aliases of long strings (or of mappings with long keys) grow the document without adding
  // values: the text they expand to is counted too.
  void count_bytes(size_t n, const YAML::Mark& mark) {
    bytes_ += n;
    if (bytes_ > limits_.max_expanded_bytes)
      throw StopReading{rule_ids::kInputLimit, mark,
                        fmt::format("aliases here would expand the document past {} MiB of text; write the values out "
                                    "or use fewer aliases",
                                    limits_.max_expanded_bytes >> 20)};
  }

  void on_key(const std::string& key, Span span, const YAML::Mark& mark) {
    count_bytes(key.size(), mark);
    Frame& f = frames_.back();
    if (!f.key_lines && f.value.contains(key)) {
      f.key_lines = std::make_unique<std::unordered_map<std::string, int>>();
      doc_.positions.for_each_member(
          f.node, [&](const std::string& k, const NodePosition& p) { f.key_lines->emplace(k, p.key.line); });
    }
    if (f.key_lines) {
      auto [it, inserted] = f.key_lines->emplace(key, span.line);
      if (!inserted) {
        Diagnostic d =
            make_finding(rule_ids::kDuplicateKey, source_.path(), span.line, span.column,
                         fmt::format("key \"{}\" is already defined at line {}; remove one of them", key, it->second));
        d.end_line = span.end_line;
        d.end_column = span.end_column;
        d.pointer = pointer_join(doc_.positions.pointer_of(f.node), key);
        out_.push_back(std::move(d));
      }
    }
    f.key = key;
    f.key_span = span;
    f.expecting_key = false;
  }

  // Records the position of the next value, which starts at `span`: under the open mapping's
  // pending key, as the open list's next entry, or as the root.
  PositionMap::Node record(Span span) {
    NodePosition pos;
    pos.value = span;
    if (frames_.empty()) return doc_.positions.add(PositionMap::kNone, {}, pos);
    const Frame& f = frames_.back();
    if (f.is_map) {
      pos.has_key = true;
      pos.key = f.key_span;
    }
    return doc_.positions.add(f.node, f.key, pos);
  }

  void attach(json value) {
    if (frames_.empty()) {
      doc_.value = std::move(value);
      return;
    }
    Frame& f = frames_.back();
    if (f.is_map) {
      f.value[f.key] = std::move(value);
      f.expecting_key = true;
    } else {
      f.value.push_back(std::move(value));
    }
  }

  void check_key_position(const YAML::Mark& mark) {
    if (!frames_.empty() && frames_.back().is_map && frames_.back().expecting_key)
      throw StopReading{rule_ids::kYamlSyntax, mark, "mapping keys must be plain strings, not sequences or mappings"};
  }

  void add_value(json value, Span span, YAML::anchor_t anchor, size_t nodes, size_t bytes, const YAML::Mark& mark) {
    if (!frames_.empty() && frames_.back().is_map && frames_.back().expecting_key) {
      if (!value.is_null() && !value.is_string() && !value.is_primitive())
        throw StopReading{rule_ids::kYamlSyntax, mark, "mapping keys must be plain strings, not sequences or mappings"};
      on_key(value.is_string() ? value.get<std::string>() : value.dump(-1, ' ', false, json::error_handler_t::replace),
             span, mark);
      return;
    }
    count_nodes(nodes, mark);
    count_bytes(bytes, mark);
    record(span);
    if (anchor != 0) anchors_[anchor] = Anchored{value, nodes, bytes};
    attach(std::move(value));
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map) {
    check_key_position(mark);
    if (static_cast<int>(frames_.size()) >= limits_.max_depth)
      throw StopReading{rule_ids::kInputLimit, mark,
                        fmt::format("the document nests deeper than {} levels; flatten it", limits_.max_depth)};
    count_nodes(1, mark);
    Frame f;
    f.value = is_map ? json::object() : json::array();
    f.is_map = is_map;
    f.anchor = anchor;
    f.nodes_at_open = nodes_;
    f.bytes_at_open = bytes_;
    f.span = span_at(mark, 0);
    f.node = record(f.span);
    frames_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    if (f.anchor != 0) anchors_[f.anchor] = Anchored{f.value, nodes_ - f.nodes_at_open + 1, bytes_ - f.bytes_at_open};
    attach(std::move(f.value));
  }

  const SourceFile& source_;
  const YamlLimits& limits_;
  std::vector<Diagnostic>& out_;
  YamlDocument doc_;
  std::vector<Frame> frames_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  size_t nodes_ = 0;
  size_t bytes_ = 0;
  mutable int cached_line_ = -1;
  mutable size_t cached_byte_ = 0;
  mutable int cached_column_ = 0;
  int documents_ = 0;
  bool aliased_ = false;
  const bool ascii_;
};

Diagnostic finding_at(const SourceFile& source, const std::string& rule, const YAML::Mark& mark, std::string message) {
  int line_number = std::max(1, mark.line + 1);
  int column = std::max(mark.column, 0);
  // A parser that ran off the end reports a line past the last one: place it at the end.
  while (line_number > 1 && (line_number > source.line_count() ||
                             (line_number == source.line_count() && source.line(line_number).empty()))) {
    --line_number;
    column = static_cast<int>(source.line(line_number).size());
  }
  std::string_view line = source.line(line_number);
  return make_finding(rule, source.path(), line_number,
                      utf8_length(line.substr(0, std::min<size_t>(column, line.size()))) + 1, std::move(message));
}

// yaml-cpp says what it expected; add what to do where a common mistake explains it.
std::string syntax_message(const SourceFile& source, const YAML::Mark& mark, const std::string& what) {
  std::string_view line = source.line(mark.line + 1);
  size_t indent_end = line.find_first_not_of(" \t");
  std::string_view indent = line.substr(0, indent_end == std::string_view::npos ? line.size() : indent_end);
  if (indent.find('\t') != std::string_view::npos || what.find("tab") != std::string::npos)
    return what + "; tabs are not allowed in YAML indentation, use spaces";
  return what;
}

// yaml-cpp holds every token of an open flow collection until it closes, so that a file of
// `[[[[...` takes hundreds of bytes a character before any depth check could run. This finds
// the first `[` or `{` past `max_depth` beforehand, in one pass: flow collections start after a
// line's indentation, `:`, `-`, `?`, `,` or another opener; quoted strings and comments are
// skipped. npos when there is none; `closers` then closes what is open at that bracket.
size_t too_deep_flow(std::string_view text, int max_depth, std::string& closers) {
  // The bytes this looks at; any other only becomes `previous` (unless a space or tab).
  static const auto kStops = [] {
    std::array<bool, 256> stops{};
    for (char c : std::string_view("#\"'[]{}")) stops[static_cast<unsigned char>(c)] = true;
    return stops;
  }();
  closers.clear();
  char previous = '\n';  // the last character that was not a space or tab
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!kStops[static_cast<unsigned char>(c)]) {
      if (c != ' ' && c != '\t') previous = c;
      continue;
    }
    if (c == '#' &&
        (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n' || text[i - 1] == '\r')) {
      while (i + 1 < text.size() && text[i + 1] != '\n' && text[i + 1] != '\r') ++i;
      continue;
    }
    // Whether a value may start after `previous` (a NUL byte counts as a line end). Asked only
    // at a quote or an opener: this loop runs over every byte of every manifest.
    auto starts_value = [previous] {
      switch (previous) {
        case '\n':
        case '\r':
        case ':':
        case '-':
        case '?':
        case ',':
        case '[':
        case '{':
        case '\0': return true;
        default: return false;
      }
    };
    if ((c == '"' || c == '\'') && (!closers.empty() || starts_value())) {
      for (++i; i < text.size(); ++i) {
        if (c == '"' && text[i] == '\\')
          ++i;
        else if (text[i] == c) {
          if (c == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
            ++i;
          else
            break;
        }
      }
      previous = c;
      continue;
    }
    if ((c == '[' || c == '{') && (!closers.empty() || starts_value())) {
      closers += c == '[' ? ']' : '}';
      if (static_cast<int>(closers.size()) > max_depth) return i;
    } else if ((c == ']' || c == '}') && !closers.empty()) {
      closers.pop_back();
    }
    previous = c;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<Diagnostic> check_file_size(const std::string& path, size_t bytes, const YamlLimits& limits) {
  if (bytes <= limits.max_bytes) return std::nullopt;
  return make_finding(
      rule_ids::kInputLimit, path, 1, 1,
      fmt::format("the file is over the {} MiB limit for a manifest", limits.max_bytes / (1024 * 1024)));
}

std::optional<YamlDocument> read_yaml(const SourceFile& source, std::vector<Diagnostic>& out,
                                      const YamlLimits& limits) {
  if (auto too_big = check_file_size(source.path(), source.text().size(), limits)) {
    out.push_back(std::move(*too_big));
    return std::nullopt;
  }
  bool ascii = false;
  if (size_t bad = first_invalid_utf8(source.text(), ascii); bad != std::string::npos) {
    std::string_view text = source.text();
    size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    line_start = line_start == std::string_view::npos ? bom : line_start + 1;
    YAML::Mark mark;
    mark.line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(bad), '\n'));
    mark.column = static_cast<int>(bad - line_start);
    out.push_back(finding_at(source, rule_ids::kYamlSyntax, mark,
                             fmt::format("the file is not UTF-8 (byte 0x{:02X}); save it as UTF-8",
                                         static_cast<unsigned>(static_cast<unsigned char>(text[bad])))));
    return std::nullopt;
  }
  // yaml-cpp knows CR LF and LF line ends; a lone CR (old Mac files) ends a line too. The
  // same length, so that every offset and column stays as the file has it.
  std::string text(source.text());
  for (size_t i = text.find('\r'); i != std::string::npos; i = text.find('\r', i + 1))
    if (i + 1 == text.size() || text[i + 1] != '\n') text[i] = '\n';
  // Too deep in flow collections alone: the parser gets the text up to one bracket past the
  // limit, with the open brackets closed, and finds the first problem where it always did
  // (block nesting counts too); should it find none before the cut, the bracket is the place.
  std::string closers;
  size_t deep = too_deep_flow(text, limits.max_depth, closers);
  auto too_deep = [&] {
    std::string_view all = source.text();
    size_t line_start = all.find_last_of("\n\r", deep);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    YAML::Mark mark;
    mark.line = source.line_of_offset(deep) - 1;
    mark.column = static_cast<int>(deep - line_start);
    out.push_back(finding_at(source, rule_ids::kInputLimit, mark,
                             fmt::format("the document nests deeper than {} levels; flatten it", limits.max_depth)));
    return std::nullopt;
  };
  if (deep != std::string_view::npos) {
    text.resize(deep + 1);
    text.append(closers.rbegin(), closers.rend());
  }
  auto past_cut = [&](const YAML::Mark& mark) {
    return deep != std::string_view::npos && static_cast<size_t>(std::max(mark.pos, 0)) > deep;
  };
  std::istringstream in(std::move(text));
  DocumentBuilder builder(source, limits, out, ascii);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const StopReading& stop) {
    if (past_cut(stop.mark)) return too_deep();
    // A quote "never closed" may be the closing quote of a string opened, and left open, above.
    if (stop.message.rfind("this quoted string is never closed", 0) == 0)
      if (auto hint = unclosed_quote_hint(source.text()); hint && hint->line < stop.mark.line + 1) {
        YAML::Mark at;
        at.line = hint->line - 1;
        at.column = hint->column - 1;
        out.push_back(finding_at(source, rule_ids::kYamlSyntax, at, hint->message));
        return std::nullopt;
      }
    out.push_back(finding_at(source, stop.rule, stop.mark, stop.message));
    return std::nullopt;
  } catch (const YAML::DeepRecursion& e) {
    if (past_cut(e.mark)) return too_deep();
    out.push_back(finding_at(source, rule_ids::kInputLimit, e.mark,
                             fmt::format("the document nests deeper than {} levels; flatten it", limits.max_depth)));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    if (past_cut(e.mark)) return too_deep();
    std::string message = syntax_message(source, e.mark, e.msg);
    // An open quote or a stray indentation: the parser fails far below it, so point at it.
    bool tabs = message.find("tabs are not allowed") != std::string::npos;
    bool flow = e.msg.find("flow not found") != std::string::npos;
    std::optional<YamlHint> hint;
    if (!tabs) hint = unclosed_quote_hint(source.text());
    if (!tabs && !flow && !hint) hint = indentation_hint(source.text(), e.mark.line + 1);
    if (hint) {
      YAML::Mark at;
      at.line = hint->line - 1;
      at.column = hint->column - 1;
      out.push_back(finding_at(source, rule_ids::kYamlSyntax, at,
                               fmt::format("{} (the YAML parser stopped at line {}: {})", hint->message,
                                           std::max(1, e.mark.line + 1), e.msg)));
      return std::nullopt;
    }
    auto open = builder.innermost_open();
    if (open && e.msg.find("flow not found") != std::string::npos)
      message += fmt::format("; is the {} opened at line {}, column {} closed?",
                             e.msg.find("sequence") != std::string::npos ? "[" : "{", open->line, open->column);
    out.push_back(finding_at(source, rule_ids::kYamlSyntax, e.mark, std::move(message)));
    return std::nullopt;
  }
  if (deep != std::string_view::npos) return too_deep();
  return builder.take();
}

}  // namespace ipack
