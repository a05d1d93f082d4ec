#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_queue_listener_concurrency(const PackInput& in) {
  if (!in.components) return;
  for (const Component& c : in.components->graph.components()) {
    const auto& listen = c.review.listen_action;
    if (c.deleted || !listen || !listen->max_concurrent_executions || listen->max_concurrent_executions->value != "0")
      continue;
    const XmlPosition& at = listen->max_concurrent_executions->at;
    in.reporter.report_in(kQueueListenerConcurrency.id, c.file, at.line, at.column,
                          fmt::format("{} listen operation \"{}\" has maxConcurrentExecutions=\"0\": set how many "
                                      "messages it may process at once (1 or more)",
                                      listen->element == "JMSGetAction" ? "JMS" : "Atom Queue", c.name));
  }
}

}  // namespace

const Rule kQueueListenerConcurrency{"queue-listener-concurrency", Severity::Warning, RuleGroup::BestPractice,
                                     "an Atom Queue or JMS listen operation with maxConcurrentExecutions=\"0\"",
                                     check_queue_listener_concurrency};

}  // namespace ipack::rules
