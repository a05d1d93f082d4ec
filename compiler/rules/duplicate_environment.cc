#include <map>

#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_duplicate_environment(const PlanInput& in) {
  for (const auto& i : in.plan.instances) {
    std::map<std::string, size_t> seen;
    for (size_t e = 0; e < i.environments.size(); ++e) {
      const auto& env = i.environments[e];
      if (!env) continue;
      auto [first, fresh] = seen.emplace(*env, e);
      if (!fresh)
        in.reporter.report(kDuplicateEnvironment.id, env.pointer, At::Value,
                           fmt::format("environment \"{}\" is already attached (environments[{}]); remove this entry",
                                       *env, first->second));
    }
  }
}

}  // namespace

const Rule kDuplicateEnvironment{"duplicate-environment",
                                 Severity::Error,
                                 RuleGroup::Plans,
                                 "an instance attaches the same environment twice",
                                 nullptr,
                                 nullptr,
                                 check_duplicate_environment};

}  // namespace ipack::rules
