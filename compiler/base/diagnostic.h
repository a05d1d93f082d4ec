#pragma once
/// Findings: the one type every stage reports with, and the sink they are collected in.

#include <string>
#include <vector>

namespace ipack {

enum class Severity { Error, Warning };

/// "error" / "warning".
const char* severity_name(Severity s);

/// One hop of a component chain ("process "Sync" (8f6a…) → …"), from the packaged component down.
struct ChainHop {
  std::string id;
  std::string type;
  std::string name;
  std::string file;
  int line = 0;
  bool operator==(const ChainHop& o) const;
};

/// A finding. Lines and columns are 1-based; columns count Unicode code points.
/// `end_line`/`end_column` are 0 when the end is unknown; the end column is exclusive.
struct Diagnostic {
  std::string rule;
  Severity severity = Severity::Error;
  std::string file;
  int line = 1;
  int column = 1;
  int end_line = 0;
  int end_column = 0;
  std::string message;
  std::string pointer;  ///< JSON Pointer of the value the finding is about ("" = whole document)
  std::vector<ChainHop> chain;
  /// For a value that fails a schema `pattern`: that regex. The message says in words what the
  /// field wants; the regex is for tools, so only `--format json` shows it.
  std::string pattern;

  bool operator==(const Diagnostic& o) const;
};

/// A finding of `rule` at `line`:`column` of `file` (end unknown); its severity is set later
/// from the rule table.
Diagnostic make_finding(std::string rule, std::string file, int line, int column, std::string message);

/// Sorts by file, line, column, rule, message (then the rest, for a total order) and drops
/// exact duplicates, so output is the same whatever order the findings were made in.
void sort_and_deduplicate(std::vector<Diagnostic>& diagnostics);

struct Counts {
  int errors = 0;
  int warnings = 0;
};
Counts count(const std::vector<Diagnostic>& diagnostics);

}  // namespace ipack
