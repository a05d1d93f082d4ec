#include "input/json_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_pack(const PackInput& in) {
  if (in.model.installation.value != "multi" || in.features.has("multi-install")) return;
  in.reporter.report(kAccountFeature.id, "/spec/installation", At::Value,
                     "installation: multi needs the publisher account's multi-install feature: list "
                     "`multi-install` under account.features in .ipack.yaml if the account has it, or use "
                     "installation: single");
}

void check_config(const ConfigInput& in) {
  const auto* features = json_view::member(json_view::member(&in.config, "account"), "features");
  if (!features || !features->is_array()) return;
  bool multi = false, management = false;
  for (const auto& f : *features) {
    if (f == "multi-install") multi = true;
    if (f == "integration-pack-management") management = true;
  }
  if (multi && !management)
    in.reporter.report(kAccountFeature.id, "/account/features", At::Value,
                       "multi-install cannot be enabled without integration-pack-management: add "
                       "`integration-pack-management` to account.features");
}

}  // namespace

const Rule kAccountFeature{"account-feature",   Severity::Error,
                           RuleGroup::Platform, "the pack needs an account feature the config does not declare",
                           check_pack,          check_config};

}  // namespace ipack::rules
