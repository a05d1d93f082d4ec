#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_queue_dead_letter(const PackInput& in) {
  if (!in.components) return;
  for (const Component& c : in.components->graph.components()) {
    const auto& listen = c.review.listen_action;
    if (c.deleted || !listen || listen->element != "QueueGetAction" || !listen->dead_letter_queue ||
        listen->dead_letter_queue->value != "false")
      continue;
    const XmlPosition& at = listen->dead_letter_queue->at;
    in.reporter.report_in(kQueueDeadLetter.id, c.file, at.line, at.column,
                          fmt::format("Atom Queue listen operation \"{}\" has no dead-letter queue "
                                      "(deadLetterQueue=\"false\"): turn it on, so that messages that keep failing "
                                      "are kept for inspection",
                                      c.name));
  }
}

}  // namespace

const Rule kQueueDeadLetter{"queue-dead-letter", Severity::Warning, RuleGroup::BestPractice,
                            "an Atom Queue listen operation without a dead-letter queue", check_queue_dead_letter};

}  // namespace ipack::rules
