#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

// The shortest chain from the package down to a Process Route: a processroute component in
// the closure, or a Process Route step (which counts even when the route's export is absent).
std::vector<ChainHop> route_chain(const ComponentGraph& graph, const Closure& closure) {
  for (const Component* member : closure.members) {  // breadth-first: the first is the shortest
    if (member != closure.root && member->type == "processroute") return graph.chain_to(closure, member);
    for (const Edge& e : closure.process_route_steps) {
      if (e.from != member) continue;
      auto chain = graph.chain_to(closure, member);
      ChainHop step{e.reference->target, "Process Route step", e.to ? e.to->name : "", member->file,
                    e.reference->at.line};
      chain.push_back(step);
      return chain;
    }
  }
  return {};
}

void check_process_route_in_closure(const PackInput& in) {
  for_each_closure(in.model, in.components, [&](const PackageEntry& package, const PackageClosure& p) {
    if (p.primary->type != "process") return;
    auto chain = route_chain(in.components->graph, p.closure);
    if (chain.empty()) return;
    in.reporter.report(kProcessRouteInClosure.id, package.component.pointer, At::Value,
                       fmt::format("{} contains a Process Route, and processes that contain Process Route "
                                   "components are not available to managed accounts: {}; call the routed "
                                   "processes directly, or leave this process out of the pack",
                                   package_exports::label(in.components, package), describe_chain(chain)),
                       chain);
  });
}

}  // namespace

const Rule kProcessRouteInClosure{"process-route-in-closure", Severity::Error, RuleGroup::Platform,
                                  "a packaged process contains a Process Route step or component in its closure",
                                  check_process_route_in_closure};

}  // namespace ipack::rules
