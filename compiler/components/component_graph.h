#pragma once
/// The component graph of one pack: which export depends on which, and the closure of each
/// package with the path to every component in it.

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/diagnostic.h"
#include "components/component.h"

namespace ipack {

/// A followed reference: from a component to the component (or missing export) it names.
struct Edge {
  const Component* from = nullptr;
  const RawReference* reference = nullptr;
  const Component* to = nullptr;  ///< null when the target has no export
};

/// The components a package needs: its primary component and everything reachable from it
/// through dependency edges (not through an API Service's routes or a Process Route's entries:
/// those are packaged separately).
struct Closure {
  const Component* root = nullptr;
  std::vector<const Component*> members;                  ///< breadth-first, root first
  std::unordered_map<const Component*, Edge> reached_by;  ///< how each member but the root was reached
  std::vector<Edge> process_route_steps;  ///< Process Route steps inside the closure (is_process_route_step)
  bool contains(const Component* c) const { return c == root || reached_by.count(c) > 0; }
};

class ComponentGraph {
 public:
  explicit ComponentGraph(std::vector<Component> components);
  // The index and the edges point into components_: a move keeps its buffer, a copy would not.
  ComponentGraph(const ComponentGraph&) = delete;
  ComponentGraph& operator=(const ComponentGraph&) = delete;
  ComponentGraph(ComponentGraph&&) = default;
  ComponentGraph& operator=(ComponentGraph&&) = default;

  const Component* find(const std::string& id) const;
  const std::vector<Component>& components() const { return components_; }
  /// The references of `c` (one of components()) that are edges: every reference of
  /// docs/components.md's table, and any other id-valued attribute that names an indexed
  /// component. Resolved once, when the graph is made.
  const std::vector<Edge>& edges_of(const Component& c) const;
  /// Whether following `edge` is a dependency (not an independent route to a process).
  static bool is_dependency(const Edge& edge);
  /// Whether `edge` is a Process Route step: a `processroutecall` that names a `processroute`
  /// component; when the target has no export, one whose `routeType` (if any) is
  /// `processroute` or whose value carries the `resource::rout:` prefix.
  static bool is_process_route_step(const Edge& edge);
  Closure closure_of(const Component& root) const;
  /// The hops from the closure's root down to `target` (inclusive).
  std::vector<ChainHop> chain_to(const Closure& closure, const Component* target) const;

 private:
  std::vector<Component> components_;
  std::unordered_map<std::string, const Component*> by_id_;
  std::vector<std::vector<Edge>> edges_;  ///< edges_[i]: those of components_[i]
};

ChainHop hop_of(const Component& c);
/// `process "Sync Orders" (8f6a2c1e…) → process "Route Orders" (3c4d…)`
std::string describe_chain(const std::vector<ChainHop>& chain);

}  // namespace ipack
