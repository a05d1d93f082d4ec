// Reported by apply_suppressions (suppressions.cc); listed here so that `ipack rules`,
// `explain` and the docs know it.
#include "base/rule_ids.h"
#include "rules/rules.h"

namespace ipack::rules {

const Rule kUnusedSuppression{rule_ids::kUnusedSuppression, Severity::Warning, RuleGroup::Suppressions,
                              "an `# ipack-ignore:` comment that suppresses nothing"};

}  // namespace ipack::rules
