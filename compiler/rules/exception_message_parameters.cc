#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_exception_message_parameters(const PackInput& in) {
  for_each_message_without_parameter(
      in, &ReviewFacts::exception_messages, [&](const Component& c, const XmlValue& message) {
        in.reporter.report_in(
            kExceptionMessageParameters.id, c.file, message.at.line, message.at.column,
            fmt::format("an Exception step of process \"{}\" has {} without a {{1}} parameter: put the error's "
                        "details into it with {{1}} and the step's parameters, so that process reporting says "
                        "what failed",
                        c.name,
                        message.value.empty() ? "an empty message" : "the message " + quoted_excerpt(message.value)));
      });
}

}  // namespace

const Rule kExceptionMessageParameters{"exception-message-parameters", Severity::Warning, RuleGroup::BestPractice,
                                       "an Exception step whose message has no {1} parameter",
                                       check_exception_message_parameters};

}  // namespace ipack::rules
