#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "render/render.h"
#include "input/source_file.h"

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
  auto paint = [&](const char* code, const std::string& s) {
    return style.color ? std::string(code) + s + kReset : s;
  };
  std::string out;
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
    out += paint(kBold, d.message) + " " + paint(kDim, "[" + d.rule + "]") + "\n";
    std::string_view line = lines ? lines(d.file, d.line) : std::string_view{};
    if (!line.empty()) {
      out += with_utf8_replacements(line) + "\n";
      int width = d.end_line == d.line && d.end_column > d.column ? d.end_column - d.column : 1;
      out += indent_to(line, d.column) + paint(kGreen, "^" + std::string(width - 1, '~')) + "\n";
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
