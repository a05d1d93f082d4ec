#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

void check_process_description(const PackInput& in) {
  if (!in.components) return;
  for (const Component& c : in.components->graph.components()) {
    if (c.deleted || !c.review.process || (c.review.description && !blank(c.review.description->value))) continue;
    const XmlPosition& at = c.review.description ? c.review.description->at : c.at;
    in.reporter.report_in(kProcessDescription.id, c.file, at.line, at.column,
                          fmt::format("process \"{}\" has no description: say what it does in the component's "
                                      "description, which the installers and the next maintainer read",
                                      c.name));
  }
}

}  // namespace

const Rule kProcessDescription{"process-description", Severity::Warning, RuleGroup::BestPractice,
                               "a process or subprocess with an empty description", check_process_description};

}  // namespace ipack::rules
