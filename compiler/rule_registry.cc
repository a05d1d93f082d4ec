#include "rule_registry.h"

#include "rules/rules.h"

namespace ipack {

const char* group_name(RuleGroup g) {
  switch (g) {
    case RuleGroup::Input: return "input";
    case RuleGroup::Platform: return "platform";
    case RuleGroup::Components: return "components";
    case RuleGroup::Extensions: return "extensions";
    case RuleGroup::Release: return "release";
  }
  return "?";
}

const std::vector<const Rule*>& all_rules() {
  using namespace rules;
  static const std::vector<const Rule*> table = {
      &kYamlSyntax,        &kDuplicateKey,  &kInputLimit,        &kSchema,        &kUnknownKind,
      &kPackLimit,         &kDuplicatePackage, &kNotShareable,   &kNotPublished,  &kDeploymentFields,
      &kPrimaryType,       &kMultiInstallApiService, &kAccountFeature, &kDescriptionLength, &kNameLength,
      &kReleaseDate,
  };
  return table;
}

const Rule* find_rule(std::string_view id) {
  for (const Rule* r : all_rules())
    if (r->id == id) return r;
  return nullptr;
}

void apply_rule_severities(std::vector<Diagnostic>& diagnostics) {
  for (auto& d : diagnostics)
    if (const Rule* r = find_rule(d.rule)) d.severity = r->severity;
}

}  // namespace ipack
