#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_listener_general_mode(const PackInput& in) {
  if (!in.components) return;
  for (const Component& c : in.components->graph.components()) {
    if (c.deleted || !c.listener || !c.review.workload || c.review.workload->value != "general") continue;
    const XmlPosition& at = c.review.workload->at;
    in.reporter.report_in(kListenerGeneralMode.id, c.file, at.line, at.column,
                          fmt::format("listener process \"{}\" runs in general mode (workload=\"general\"): "
                                      "Boomi's review suggests low latency mode for listeners; choose it in the "
                                      "process options if this process's runs are short",
                                      c.name));
  }
}

}  // namespace

const Rule kListenerGeneralMode{"listener-general-mode", Severity::Warning, RuleGroup::BestPractice,
                                "a listener process in general mode where low latency fits",
                                check_listener_general_mode};

}  // namespace ipack::rules
