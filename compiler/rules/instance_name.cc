#include <map>

#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_instance_name(const PlanInput& in) {
  const auto& instances = in.plan.instances;
  if (!in.pack.multi) {
    for (const auto& i : instances) {
      if (i.index > 0)
        in.reporter.report(kInstanceName.id, i.pointer, At::Value,
                           fmt::format("pack {} is single-install: a plan has exactly one instance; merge this one "
                                       "into the first or remove it",
                                       in.pack.name));
      if (i.name.present)
        in.reporter.report(kInstanceName.id, i.name.pointer, At::Key,
                           fmt::format("pack {} is single-install: its instance has no name (only multi-install "
                                       "packs name their installs); remove name",
                                       in.pack.name));
    }
    return;
  }
  std::map<std::string, const PlanInstance*> seen;
  for (const auto& i : instances) {
    if (!i.is_object) continue;
    if (!i.name.present) {
      in.reporter.report(kInstanceName.id, i.pointer, At::Value,
                         fmt::format("pack {} is multi-install: each instance needs a name, its install's name on "
                                     "the platform; add name",
                                     in.pack.name));
      continue;
    }
    if (!i.name) continue;
    auto [first, fresh] = seen.emplace(*i.name, &i);
    if (!fresh)
      in.reporter.report(kInstanceName.id, i.name.pointer, At::Value,
                         fmt::format("instance name \"{}\" is already used by instances[{}]; each install needs its "
                                     "own name",
                                     *i.name, first->second->index));
  }
}

}  // namespace

const Rule kInstanceName{"instance-name",
                         Severity::Error,
                         RuleGroup::Plans,
                         "multi pack: an instance without name, or two with the same name; single pack: more than "
                         "one instance, or a name",
                         nullptr,
                         nullptr,
                         check_instance_name};

}  // namespace ipack::rules
