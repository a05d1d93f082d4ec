#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_default_name(const PackInput& in) {
  if (!in.components) return;
  for (const Component& c : in.components->graph.components()) {
    if (c.deleted || c.name.compare(0, 4, "New ") != 0) continue;
    const XmlPosition& at = c.review.name_at;
    in.reporter.report_in(kDefaultName.id, c.file, at.line, at.column,
                          fmt::format("{} \"{}\" keeps the name Boomi gives a new component: rename it to say what "
                                      "it is",
                                      c.type, c.name));
  }
}

}  // namespace

const Rule kDefaultName{"default-name", Severity::Warning, RuleGroup::BestPractice,
                        "a component whose name starts with Boomi's default prefix \"New \"", check_default_name};

}  // namespace ipack::rules
