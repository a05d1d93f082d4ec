#pragma once
/// Renderers: findings in the output formats of cli.md. They know nothing of rules.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace ipack {

/// Line `line` of `file` as read, for quoting in text output ("" when unknown).
using SourceLines = std::function<std::string_view(const std::string& file, int line)>;

struct TextStyle {
  bool color = false;
  bool summary = true;  ///< the closing "N errors, M warnings in K files" line
};

/// `path:line:col: severity: message [rule]`, the source line, a caret (and `~` under the
/// rest of the token where its end is known), any chain, then the summary line.
std::string render_text(const std::vector<Diagnostic>& diagnostics, size_t files, const SourceLines& lines,
                        const TextStyle& style);

/// The stable JSON document of cli.md: version, tool, diagnostics, summary.
std::string render_json(const std::vector<Diagnostic>& diagnostics, size_t files);

/// "3 errors, 1 warning in 12 files"
std::string summary_line(const std::vector<Diagnostic>& diagnostics, size_t files);

}  // namespace ipack
