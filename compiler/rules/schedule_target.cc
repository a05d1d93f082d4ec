#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_schedule_target(const PlanInput& in) {
  for (const auto& i : in.plan.instances)
    for (const auto& s : i.schedules) {
      if (!s.process) continue;
      std::string id = component_key(*s.process);
      auto it = in.pack.processes.find(id);
      if (it == in.pack.processes.end()) {
        in.reporter.report(kScheduleTarget.id, s.process.pointer, At::Value,
                           fmt::format("{} is not a packaged process of pack {}: only the pack's packaged processes "
                                       "can be scheduled",
                                       *s.process, in.pack.name));
        continue;
      }
      if (it->second.listener)
        in.reporter.report(kScheduleTarget.id, s.process.pointer, At::Value,
                           fmt::format("process \"{}\" is a listener (its start shape listens): it runs when called, "
                                       "and the platform does not schedule it; remove this schedule",
                                       it->second.name));
    }
}

}  // namespace

const Rule kScheduleTarget{"schedule-target",
                           Severity::Error,
                           RuleGroup::Plans,
                           "a schedule for something that is not a packaged process of the pack, or for a listener",
                           nullptr,
                           nullptr,
                           check_schedule_target};

}  // namespace ipack::rules
