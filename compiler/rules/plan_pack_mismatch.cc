#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_plan_pack_mismatch(const PlanInput& in) {
  if (in.plan.pack && *in.plan.pack != in.pack.name)
    in.reporter.report(kPlanPackMismatch.id, in.plan.pack.pointer, At::Value,
                       fmt::format("the plan is for pack \"{}\", but it is checked against pack \"{}\" ({})",
                                   *in.plan.pack, in.pack.name, in.pack.origin));
  if (in.plan.version && *in.plan.version != in.pack.version)
    in.reporter.report(kPlanPackMismatch.id, in.plan.version.pointer, At::Value,
                       fmt::format("the plan is for version {} of {}, but the pack it is checked against is version "
                                   "{} ({}); install plans name the exact version",
                                   *in.plan.version, in.pack.name, in.pack.version, in.pack.origin));
}

}  // namespace

// Also reported by the validate stage when no pack of the plan's name was found.
const Rule kPlanPackMismatch{"plan-pack-mismatch",
                             Severity::Error,
                             RuleGroup::Plans,
                             "the plan names another pack or version than the one it is checked against",
                             nullptr,
                             nullptr,
                             check_plan_pack_mismatch};

}  // namespace ipack::rules
