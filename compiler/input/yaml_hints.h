#pragma once
/// Where a YAML syntax error really is, for the two mistakes whose parser error lands far from
/// them: a quoted string that is never closed (the parser reads on to the end of the file) and
/// an indentation that matches no enclosing level. Used only once the parser has failed.

#include <optional>
#include <string>
#include <string_view>

namespace ipack {

struct YamlHint {
  int line = 0;    ///< 1-based
  int column = 0;  ///< 1-based, in bytes of the line
  std::string message;
};

/// The first value whose opening quote is not closed on its line, when the text is not valid
/// YAML: "this quoted string is not closed …".
std::optional<YamlHint> unclosed_quote_hint(std::string_view text);

/// The first line, up to `last_line`, indented deeper than its block allows or back to a depth
/// no enclosing block has; its column is the first character after the indentation.
std::optional<YamlHint> indentation_hint(std::string_view text, int last_line);

}  // namespace ipack
