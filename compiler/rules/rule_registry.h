#pragma once
/// The one table of rules: what `ipack rules` lists, `explain` documents, and validation runs.

#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace ipack {

/// Every rule, in the order of the docs (by group, then as docs/rules.md lists them).
const std::vector<const Rule*>& all_rules();
const Rule* find_rule(std::string_view id);
/// The ids and classes of every rule, for reading configs and suppressions.
const RuleCatalog& rule_catalog();
/// Sets each finding's severity from its rule's, or from `overrides` for configurable rules;
/// drops findings of rules turned off.
void apply_rule_severities(std::vector<Diagnostic>& diagnostics, const RuleSeverities& overrides = {});
/// Whether `overrides` turns `rule` off: apply_rule_severities would drop all its findings.
bool turned_off(const Rule& rule, const RuleSeverities& overrides);

}  // namespace ipack
