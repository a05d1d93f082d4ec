#include <set>

#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_unused_component(const PackInput& in) {
  if (!in.components || !in.components->complete) return;  // an unknown closure may reach it
  std::set<const Component*> reached;
  for (const auto& p : in.components->closures) reached.insert(p.closure.members.begin(), p.closure.members.end());
  for (const Component& c : in.components->graph.components())
    if (!reached.count(&c))
      in.reporter.report_in(kUnusedComponent.id, c.file, c.at.line, c.at.column,
                            fmt::format("{} \"{}\" is in no package's closure: remove the export, or package what "
                                        "uses it",
                                        c.type, c.name));
}

}  // namespace

const Rule kUnusedComponent{"unused-component", Severity::Warning, RuleGroup::Components,
                            "an export that no package reaches", check_unused_component};

}  // namespace ipack::rules
