#pragma once
/// The rule table that renderers get (render.h's RuleDescription), built from the registry and
/// the rule docs.

#include <vector>

#include "input/xpath_rule_config.h"
#include "render/render.h"

namespace ipack {

/// Every registered rule, in registry order, with its summary, its first paragraph of
/// docs/rules.md as the description (the summary when it has no section) and its help URI
/// (project_links.h).
std::vector<RuleDescription> describe_rules();

/// The rules of a config's `xpathRules:`, group "xpath", their help the docs of `xpathRules:`.
std::vector<RuleDescription> describe_xpath_rules(const XPathRuleSet& set);

}  // namespace ipack
