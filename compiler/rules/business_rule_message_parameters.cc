#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_business_rule_message_parameters(const PackInput& in) {
  for_each_message_without_parameter(
      in, &ReviewFacts::business_rule_messages, [&](const Component& c, const XmlValue& message) {
        in.reporter.report_in(
            kBusinessRuleMessageParameters.id, c.file, message.at.line, message.at.column,
            fmt::format("a Business Rules step of process \"{}\" has {} without a {{1}} parameter: name the "
                        "rejected value in it with {{1}}, so that the rejection says which document failed and why",
                        c.name,
                        message.value.empty() ? "an empty error message"
                                              : "the error message " + quoted_excerpt(message.value)));
      });
}

}  // namespace

const Rule kBusinessRuleMessageParameters{"business-rule-message-parameters", Severity::Warning,
                                          RuleGroup::BestPractice, "a Business Rules error message without parameters",
                                          check_business_rule_message_parameters};

}  // namespace ipack::rules
