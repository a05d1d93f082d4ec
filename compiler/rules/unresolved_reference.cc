#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_unresolved_reference(const PackInput& in) {
  if (!in.components) return;
  const ComponentGraph& graph = in.components->graph;
  for (const Component& c : graph.components())
    for (const Edge& e : graph.edges_of(c))
      if (!e.to)
        in.reporter.report_in(kUnresolvedReference.id, c.file, e.reference->at.line, e.reference->at.column,
                              fmt::format("{} names component {}, which has no export: what {} \"{}\" needs is "
                                          "not all known; add that export",
                                          e.reference->attribute.empty()
                                              ? fmt::format("<{}>", e.reference->element)
                                              : fmt::format("{}/@{}", e.reference->element, e.reference->attribute),
                                          e.reference->target, c.type, c.name));
}

}  // namespace

const Rule kUnresolvedReference{"unresolved-reference", Severity::Warning, RuleGroup::Components,
                                "a known reference place (attribute or element text) names a component with no export",
                                check_unresolved_reference};

}  // namespace ipack::rules
