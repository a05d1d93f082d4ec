#pragma once
/// The findings formats, one row each: what `--format` accepts and how each renders a run.
/// Adding a format is adding a row here (and its renderer in render.h, its docs and tests).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "render/render.h"

namespace ipack {

/// A finished run, as every format may draw on it.
struct FindingsReport {
  const std::vector<Diagnostic>& diagnostics;  ///< sorted, de-duplicated
  size_t files_checked = 0;
  std::vector<std::string> files;  ///< the files checked, by display path
  SourceLines lines;               ///< for quoting source lines
  TextStyle style;
  std::function<std::vector<RuleDescription>()> rules;  ///< the rule table, made only when a format asks
  SarifRun run;
};

struct FindingsFormat {
  std::string_view name;
  std::string (*render)(const FindingsReport&);
};

/// Every format, the default (text) first.
const std::vector<FindingsFormat>& findings_formats();
/// The row named `name`; null when there is none.
const FindingsFormat* find_findings_format(std::string_view name);
/// Their names, in table order.
std::vector<std::string> findings_format_names();

}  // namespace ipack
