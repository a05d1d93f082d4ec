#pragma once
/// Inline suppressions in manifests: `# ipack-ignore: rule-id -- reason` on the line of a
/// finding or the line above silences that rule's findings there.

#include <vector>

#include "base/diagnostic.h"
#include "input/rule_catalog.h"
#include "input/source_file.h"

namespace ipack {

struct Suppression {
  int line = 0;        ///< the comment's line; it covers this line and the next
  int column = 0;      ///< where the comment starts
  int end_column = 0;  ///< just past its end (exclusive)
  std::vector<std::string> rules;
  std::string reason;
};

/// The suppression comments in a YAML file.
std::vector<Suppression> find_suppressions(const SourceFile& source);

/// Drops the findings in `source` that a suppression covers, and reports `unused-suppression`
/// for each suppression that covers none, lacks a reason, or names a rule that does not exist
/// or cannot be suppressed (input and platform rules). Severities must already be set.
void apply_suppressions(const SourceFile& source, std::vector<Diagnostic>& diagnostics, const RuleCatalog& catalog);

}  // namespace ipack
