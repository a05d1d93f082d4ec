#include "rules/rule_registry.h"

#include "rules/rules.h"

namespace ipack {

const char* group_name(RuleGroup g) {
  switch (g) {
    case RuleGroup::Input: return "input";
    case RuleGroup::Platform: return "platform";
    case RuleGroup::Components: return "components";
    case RuleGroup::Extensions: return "extensions";
    case RuleGroup::BestPractice: return "best-practice";
    case RuleGroup::Release: return "release";
    case RuleGroup::Plans: return "plans";
    case RuleGroup::Suppressions: return "suppressions";
  }
  return "?";
}

const std::vector<const Rule*>& all_rules() {
  using namespace rules;
  static const std::vector<const Rule*> table = {
      // Input
      &kYamlSyntax,
      &kDuplicateKey,
      &kInputLimit,
      &kSchema,
      &kUnknownKind,
      // Platform
      &kPackLimit,
      &kDuplicatePackage,
      &kNotShareable,
      &kNotPublished,
      &kDeploymentFields,
      &kPrimaryType,
      &kProcessRouteInClosure,
      &kExcludedDependency,
      &kMultiInstallApiService,
      &kAccountFeature,
      &kDescriptionLength,
      &kNameLength,
      &kReleaseDate,
      // Components
      &kComponentXml,
      &kDuplicateComponent,
      &kComponentsFolder,
      &kMissingComponent,
      &kComponentMismatch,
      &kDeletedComponent,
      &kClosureUnchecked,
      &kUnresolvedReference,
      &kUnusedComponent,
      // Extensions
      &kExtensionNotDeclared,
      &kSecretDefault,
      &kInvalidPattern,
      &kSubprocessExtensionIgnored,
      &kCredentialNotExtensible,
      &kInconsistentExtensions,
      // Best practice
      &kDefaultName,
      &kProcessDescription,
      &kExceptionMessageParameters,
      &kBusinessRuleMessageParameters,
      &kQueueListenerConcurrency,
      &kQueueDeadLetter,
      &kListenerGeneralMode,
      // Release
      &kPackageVersionReused,
      &kInstallationChanged,
      &kVersionNotIncreased,
      &kPackageRemoved,
      &kPlaceholder,
      // Install plans
      &kPlanPackMismatch,
      &kInstanceName,
      &kUnknownExtension,
      &kMissingExtension,
      &kSecretLiteral,
      &kExtensionPattern,
      &kScheduleSyntax,
      &kScheduleTarget,
      &kDuplicateEnvironment,
      // Suppressions
      &kUnusedSuppression,
  };
  return table;
}

const Rule* find_rule(std::string_view id) {
  for (const Rule* r : all_rules())
    if (r->id == id) return r;
  return nullptr;
}

const RuleCatalog& rule_catalog() {
  static const RuleCatalog catalog = [] {
    RuleCatalog c;
    for (const Rule* r : all_rules())
      c.rules.push_back({r->id, r->group == RuleGroup::Input ? RuleFacts::Class::Input
                                : r->group == RuleGroup::Platform || r->group == RuleGroup::Plans
                                    ? RuleFacts::Class::Platform
                                    : RuleFacts::Class::Lint});
    return c;
  }();
  return catalog;
}

namespace {

// The config's setting for a finding of rule `id` (`rule`: its row in the table, null for a
// config's XPath rule), where the config may set one: nullptr when it sets none or may not; an
// empty optional when it turns the rule off.
const std::optional<Severity>* override_of(std::string_view id, const Rule* rule, const RuleSeverities& overrides) {
  if (rule && !rule->configurable()) return nullptr;
  auto o = overrides.find(id);
  return o == overrides.end() ? nullptr : &o->second;
}

}  // namespace

bool turned_off(const Rule& rule, const RuleSeverities& overrides) {
  const std::optional<Severity>* o = override_of(rule.id, &rule, overrides);
  return o && !*o;
}

void apply_rule_severities(std::vector<Diagnostic>& diagnostics, const RuleSeverities& overrides) {
  std::vector<Diagnostic> kept;
  kept.reserve(diagnostics.size());
  for (auto& d : diagnostics) {
    const Rule* r = find_rule(d.rule);
    if (r) d.severity = r->severity;
    if (const std::optional<Severity>* o = override_of(d.rule, r, overrides)) {
      if (!*o) continue;  // off
      d.severity = **o;
    }
    kept.push_back(std::move(d));
  }
  diagnostics = std::move(kept);
}

}  // namespace ipack
