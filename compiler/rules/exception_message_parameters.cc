#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  if (!in.components) return;
  for (const Component& c : in.components->graph.components()) {
    if (c.deleted) continue;
    for (const XmlValue& message : c.review.exception_messages) {
      if (message.value.find("{1}") != std::string::npos) continue;
      in.reporter.report_in(
          kExceptionMessageParameters.id, c.file, message.at.line, message.at.column,
          fmt::format("an Exception step of process \"{}\" has {} without a {{1}} parameter: put the error's "
                      "details into it with {{1}} and the step's parameters, so that process reporting says "
                      "what failed",
                      c.name, message.value.empty() ? "an empty message" : "the message " + quoted_excerpt(message.value)));
    }
  }
}

}  // namespace

const Rule kExceptionMessageParameters{"exception-message-parameters", Severity::Warning, RuleGroup::BestPractice,
                                       "an Exception step whose message has no {1} parameter", check};

}  // namespace ipack::rules
