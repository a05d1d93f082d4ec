#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "input/source_file.h"
#include "render/render.h"

namespace ipack {
namespace {

const char* kBold = "\033[1m";
const char* kRed = "\033[1;31m";
const char* kMagenta = "\033[1;35m";
const char* kGreen = "\033[1;32m";
const char* kDim = "\033[2m";
const char* kReset = "\033[0m";

// Spaces under the source line up to `column`, keeping its tabs so the caret lines up.
std::string indent_to(std::string_view line, int column) {
  std::string pad;
  size_t offset = utf8_offset_of_column(line, column);
  int cp = 0;
  for (size_t i = 0; i < offset && i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    pad += line[i] == '\t' ? '\t' : ' ';
    ++cp;
  }
  for (; cp < column - 1; ++cp) pad += ' ';
  return pad;
}

// A long line (an export from the Component API is one line of many KB) is quoted as a window
// around the caret, with "..." on each side that was cut, as clang and rustc do.
constexpr size_t kWholeLineBytes = 160;
constexpr int kBeforeCaret = 40;  // code points
constexpr int kAfterCaret = 80;

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset of `column` in `line`. Findings come sorted by line and column, so a scan picks
// up where the last one on the same line stopped: the whole output is linear in the line.
class ColumnOffsets {
 public:
  size_t offset_of(const Diagnostic& d, std::string_view line, int column) {
    if (d.file != file_ || d.line != line_ || line.data() != data_ || line.size() != size_ || column < column_) {
      file_ = d.file;
      line_ = d.line;
      data_ = line.data();
      size_ = line.size();
      column_ = 1;
      offset_ = 0;
    }
    while (column_ < column && offset_ < line.size()) {
      ++offset_;
      while (offset_ < line.size() && continuation(line[offset_])) ++offset_;
      ++column_;
    }
    return offset_;
  }

 private:
  std::string file_;
  int line_ = 0;
  const char* data_ = nullptr;
  size_t size_ = 0;
  int column_ = 1;
  size_t offset_ = 0;
};

struct Snippet {
  std::string text;  // the quoted source
  std::string pad;   // what goes before the caret
  int width = 1;     // the caret and its `~`s
};

Snippet snippet_of(const Diagnostic& d, std::string_view line, int width, ColumnOffsets& offsets) {
  int column = d.column;
  if (line.size() <= kWholeLineBytes) return {with_utf8_replacements(line), indent_to(line, column), width};
  size_t caret = offsets.offset_of(d, line, column);
  size_t begin = caret;
  int before = 0;
  while (begin > 0 && before < kBeforeCaret) {
    --begin;
    while (begin > 0 && continuation(line[begin])) --begin;
    ++before;
  }
  size_t end = caret;
  int after = 0;
  while (end < line.size() && after < std::max(kAfterCaret, width)) {
    ++end;
    while (end < line.size() && continuation(line[end])) ++end;
    ++after;
  }
  bool cut_before = begin > 0, cut_after = end < line.size();
  std::string_view shown = line.substr(begin, end - begin);
  Snippet s;
  s.text = (cut_before ? "..." : "") + with_utf8_replacements(shown) + (cut_after ? "..." : "");
  s.pad = (cut_before ? "   " : "") + indent_to(shown, before + 1);
  s.width = std::max(1, std::min(width, after));
  return s;
}

// "by rule: 1 pack-limit, 100 closure-unchecked": the rules with errors first, then by count.
std::string by_rule_line(const std::vector<Diagnostic>& diagnostics) {
  struct Tally {
    size_t count = 0;
    bool error = false;
  };
  std::map<std::string, Tally> tallies;
  for (const auto& d : diagnostics) {
    Tally& t = tallies[d.rule];
    ++t.count;
    t.error = t.error || d.severity == Severity::Error;
  }
  std::vector<std::pair<std::string, Tally>> rows(tallies.begin(), tallies.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.second.error != b.second.error) return a.second.error;
    return a.second.count > b.second.count;
  });
  std::string line = "by rule:";
  for (size_t i = 0; i < rows.size(); ++i)
    line += fmt::format("{} {} {}", i ? "," : "", rows[i].second.count, rows[i].first);
  return line;
}

// Which findings --max-findings shows: errors before warnings, each in output order.
std::vector<bool> shown_findings(const std::vector<Diagnostic>& diagnostics, size_t max) {
  std::vector<bool> shown(diagnostics.size(), max == 0);
  if (max == 0) return shown;
  size_t left = max;
  for (bool errors : {true, false})
    for (size_t i = 0; i < diagnostics.size() && left > 0; ++i)
      if ((diagnostics[i].severity == Severity::Error) == errors) {
        shown[i] = true;
        --left;
      }
  return shown;
}

}  // namespace

std::string visible(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && !(keep_newlines && c == '\n')) {
      out += "\xE2\x90";  // U+2400 + c, the control pictures
      out += static_cast<char>(0x80 + c);
    } else if (c == 0x7F) {
      out += "\xE2\x90\xA1";  // ␡
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string plural(size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string summary_line(const std::vector<Diagnostic>& diagnostics, size_t files) {
  Counts c = count(diagnostics);
  return fmt::format("{}, {} in {}", plural(c.errors, "error", "errors"), plural(c.warnings, "warning", "warnings"),
                     plural(files, "file", "files"));
}

std::string hop_label(const ChainHop& hop) {
  return hop.name.empty() ? fmt::format("{} ({})", hop.type, hop.id)
                          : fmt::format("{} \"{}\" ({})", hop.type, hop.name, hop.id);
}

std::vector<std::string> chain_lines(const Diagnostic& d) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < d.chain.size(); ++i) {
    const ChainHop& hop = d.chain[i];
    std::string line = (i == 0 ? "  " : "  → ") + hop_label(hop);
    if (!hop.file.empty()) line += fmt::format(" {}:{}", hop.file, hop.line);
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string render_text(const std::vector<Diagnostic>& diagnostics, size_t files, const SourceLines& lines,
                        const TextStyle& style) {
  auto paint = [&](const char* code, const std::string& s) { return style.color ? std::string(code) + s + kReset : s; };
  std::string out;
  ColumnOffsets offsets;
  std::vector<bool> shown = shown_findings(diagnostics, style.max_findings);
  size_t hidden = 0;
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    if (!shown[i]) {
      ++hidden;
      continue;
    }
    bool error = d.severity == Severity::Error;
    out += paint(kBold, fmt::format("{}:{}:{}:", d.file, d.line, d.column)) + " ";
    out += paint(error ? kRed : kMagenta, std::string(severity_name(d.severity)) + ":") + " ";
    out += paint(kBold, visible(d.message)) + " " + paint(kDim, "[" + d.rule + "]") + "\n";
    std::string_view line = lines ? lines(d.file, d.line) : std::string_view{};
    if (!line.empty()) {
      int width = d.end_line == d.line && d.end_column > d.column ? d.end_column - d.column : 1;
      Snippet s = snippet_of(d, line, width, offsets);
      out += visible(s.text) + "\n";
      out += s.pad + paint(kGreen, "^" + std::string(s.width - 1, '~')) + "\n";
    }
    for (const auto& hop_line : chain_lines(d)) out += hop_line + "\n";
  }
  if (hidden > 0)
    out += fmt::format("... {} not shown (--max-findings {}: errors are shown first)\n",
                       plural(hidden, "more finding", "more findings"), style.max_findings);
  // Past a screenful, a tally by rule, so that one error among many warnings is not missed.
  if (style.summary && (diagnostics.size() > kByRuleAfter || hidden > 0)) out += by_rule_line(diagnostics) + "\n";
  if (style.summary) out += summary_line(diagnostics, files) + "\n";
  return out;
}

}  // namespace ipack
