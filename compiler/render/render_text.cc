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

std::string plural(size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

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

// Control characters from a manifest (a key, a value, a line) never reach the terminal as
// such: each becomes one visible character (ESC → ␛, U+0080..U+009F → U+FFFD), so that the
// caret under a line still lines up. Tabs stay.
std::string visible(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t') {
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

}  // namespace

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
  for (const auto& d : diagnostics) {
    bool error = d.severity == Severity::Error;
    out += paint(kBold, fmt::format("{}:{}:{}:", d.file, d.line, d.column)) + " ";
    out += paint(error ? kRed : kMagenta, std::string(severity_name(d.severity)) + ":") + " ";
    out += paint(kBold, visible(d.message)) + " " + paint(kDim, "[" + d.rule + "]") + "\n";
    std::string_view line = lines ? lines(d.file, d.line) : std::string_view{};
    if (!line.empty()) {
      out += visible(with_utf8_replacements(line)) + "\n";
      int width = d.end_line == d.line && d.end_column > d.column ? d.end_column - d.column : 1;
      out += indent_to(line, d.column) + paint(kGreen, "^" + std::string(width - 1, '~')) + "\n";
    }
    for (const auto& hop_line : chain_lines(d)) out += hop_line + "\n";
  }
  if (style.summary) out += summary_line(diagnostics, files) + "\n";
  return out;
}

}  // namespace ipack
