#pragma once
/// `.ipack.yaml` `xpathRules:`: a team's own checks over each export, as XPath 1.0 rules written
/// in the config or loaded from a SonarQube XPath rules profile (the format of Boomi's CI/CD
/// scripts, docs/coming-from-boomicicd.md).

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "input/reporter.h"
#include "input/rule_catalog.h"

namespace ipack {

/// One XPath rule, as written in the config or in the profile.
struct XPathRule {
  std::string id;       ///< the config's `id`, or the profile's rule `key`
  Severity severity = Severity::Warning;
  std::string message;  ///< what each finding says
  std::string xpath;
  std::vector<std::string> types;  ///< component types it applies to; empty: all
  bool from_profile = false;       ///< evaluated, as Boomi's scripts do, on the export with `bns:` removed
  std::string summary;             ///< for `ipack rules` and SARIF: the profile's rule name, else the message
  std::string pointer;             ///< where the config gives it (JSON Pointer)
};

/// Where a run's XPath rules come from: the rules, and what is wrong with the config's entries.
struct XPathRuleSet {
  std::vector<XPathRule> rules;
  /// Problems as (JSON Pointer into the config, message): an XPath that does not compile, an id
  /// that is a built-in rule's or repeats, a profile that cannot be read.
  std::vector<std::pair<std::string, std::string>> problems;
};

/// The XPath rules of a (possibly invalid) config whose folder is `config_dir`. Entries that
/// are incomplete or of the wrong type are left out: the schema reports them. `catalog` holds
/// the built-in rules, whose ids custom rules may not take.
XPathRuleSet xpath_rules_of(const nlohmann::json& config, const std::filesystem::path& config_dir,
                            const RuleCatalog& catalog);

/// Reports `set.problems` as `schema` findings of the config.
void report_xpath_rule_problems(const XPathRuleSet& set, const Reporter& reporter);

/// `catalog` with the XPath rules added, as lint rules. The ids point into `set`.
RuleCatalog with_xpath_rules(const RuleCatalog& catalog, const XPathRuleSet& set);

}  // namespace ipack
