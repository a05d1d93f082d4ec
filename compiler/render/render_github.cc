#include <fmt/format.h>

#include "render/render.h"

namespace ipack {
namespace {

// The runner's own escaping (actions/toolkit, command.ts): "%", CR and LF in the message; in a
// property, also ":" and ",", which would otherwise end it.
std::string escaped_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escaped_property(std::string_view s) {
  std::string out;
  for (char c : escaped_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string render_github(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    std::string properties = fmt::format("file={},line={},col={}", escaped_property(d.file), d.line, d.column);
    // endColumn alone is read as on the start line; a finding that ends lower says so.
    if (d.end_line > 0 && d.end_column > 0) {
      if (d.end_line != d.line) properties += fmt::format(",endLine={}", d.end_line);
      properties += fmt::format(",endColumn={}", d.end_column);
    }
    properties += ",title=" + escaped_property(d.rule);
    std::string message = d.message;
    for (const auto& line : chain_lines(d)) message += "\n" + line;
    out += fmt::format("::{} {}::{}\n", severity_name(d.severity), properties, escaped_data(message));
  }
  return out;
}

}  // namespace ipack
