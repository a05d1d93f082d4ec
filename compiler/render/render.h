#pragma once
/// Renderers: findings in the output formats of docs/output-formats.md. They know nothing of rules.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace ipack {

/// Line `line` of `file` as read, for quoting in text output ("" when unknown).
using SourceLines = std::function<std::string_view(const std::string& file, int line)>;

struct TextStyle {
  bool color = false;
  bool summary = true;      ///< the closing "N errors, M warnings in K files" line
  size_t max_findings = 0;  ///< show at most this many findings, errors first (0: all)
};

/// More findings than this get a "by rule: 1 pack-limit, 100 closure-unchecked" line before the
/// summary.
inline constexpr size_t kByRuleAfter = 10;

/// `s` with each control character shown as one visible character (ESC → ␛, U+0080..U+009F →
/// U+FFFD), so that bytes from a file never drive the terminal and a caret still lines up.
/// Tabs stay, and newlines too when `keep_newlines` (a message of several lines).
std::string visible(std::string_view s, bool keep_newlines = false);

/// "1 package", "2 packages".
std::string plural(size_t n, const char* one, const char* many);

/// `path:line:col: severity: message [rule]`, the source line, a caret (and `~` under the
/// rest of the token where its end is known), any chain, then the summary line.
std::string render_text(const std::vector<Diagnostic>& diagnostics, size_t files, const SourceLines& lines,
                        const TextStyle& style);

/// The stable JSON document of docs/output-formats.md: version, tool, diagnostics, summary.
std::string render_json(const std::vector<Diagnostic>& diagnostics, size_t files);

/// "3 errors, 1 warning in 12 files"
std::string summary_line(const std::vector<Diagnostic>& diagnostics, size_t files);

/// `process "Sync Orders" (8f6a…)`: a chain hop as the messages name it, without its place.
std::string hop_label(const ChainHop& hop);
/// The chain, one line a hop from the packaged component down, as text output prints it:
/// `  process "Sync" (8f6a…) components/sync.xml:2`, then `  → …` lines.
std::vector<std::string> chain_lines(const Diagnostic& d);

/// What a renderer may say about a rule (SARIF's `tool.driver.rules`). The CLI builds the table
/// from the rule registry (rule_descriptions.h), so renderers stay ignorant of rules.
struct RuleDescription {
  std::string id;
  Severity severity = Severity::Error;  ///< the default severity
  std::string group;                    ///< "platform", "components", …
  std::string summary;                  ///< one line
  std::string description;              ///< a paragraph; "" = the summary
  std::string help_uri;                 ///< the rule's section of docs/rules.md
};

/// What a SARIF log says about the run besides the findings.
struct SarifRun {
  std::string working_directory;  ///< absolute; `%SRCROOT%`, that the findings' paths are relative to
  int exit_code = 0;
};

/// A SARIF 2.1.0 log as GitHub code scanning ingests it: every rule of `rules` in
/// `tool.driver.rules`, one result per finding. Byte-identical for the same input.
std::string render_sarif(const std::vector<Diagnostic>& diagnostics, const std::vector<RuleDescription>& rules,
                         const SarifRun& run);

/// JUnit XML: a testsuite per file (each of `files_checked`, and any other file with findings), a
/// testcase per (file, rule) with a failure per finding; a file without findings gets one
/// passing testcase named "ipack".
std::string render_junit(const std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files_checked);

/// GitHub Actions workflow commands: `::error file=F,line=L,col=C,endColumn=E,title=RULE::message`,
/// one a finding, escaped as the runner expects. No summary.
std::string render_github(const std::vector<Diagnostic>& diagnostics);

}  // namespace ipack
