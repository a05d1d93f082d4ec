// Reported by apply_suppressions (suppressions.cc); listed here so that `ipack rules`,
// `explain` and the docs know it.
#include "rules/rules.h"

namespace ipack::rules {

const Rule kUnusedSuppression{"unused-suppression", Severity::Warning, RuleGroup::Suppressions,
                              "an `# ipack-ignore:` comment that suppresses nothing"};

}  // namespace ipack::rules
