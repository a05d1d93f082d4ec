#include "components/component_graph.h"

#include <cctype>

#include <fmt/format.h>

namespace ipack {

ComponentGraph::ComponentGraph(std::vector<Component> components) : components_(std::move(components)) {
  by_id_.reserve(components_.size());
  for (const auto& c : components_) by_id_.emplace(c.id, &c);
  edges_.resize(components_.size());
  for (size_t i = 0; i < components_.size(); ++i)
    for (const auto& r : components_[i].references) {
      const Component* to = find(r.target);
      if (to || r.in_table) edges_[i].push_back({&components_[i], &r, to});
    }
}

const Component* ComponentGraph::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

const std::vector<Edge>& ComponentGraph::edges_of(const Component& c) const {
  return edges_.at(static_cast<size_t>(&c - components_.data()));
}

bool ComponentGraph::is_dependency(const Edge& edge) {
  // An API Service's routes and a Process Route's entries name processes that are packaged
  // on their own; they are not part of the closure.
  if (edge.from->type == "webservice")
    return !(edge.reference->element == "route" || (edge.to && edge.to->type == "process"));
  if (edge.from->type == "processroute") return !(edge.to && edge.to->type == "process");
  return true;
}

bool ComponentGraph::is_process_route_step(const Edge& edge) {
  const RawReference& r = *edge.reference;
  if (!r.process_route_step) return false;
  if (edge.to) return edge.to->type == "processroute";
  if (r.route_prefix) return true;
  std::string type = r.route_type;
  for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return type.empty() || type == "processroute";
}

Closure ComponentGraph::closure_of(const Component& root) const {
  Closure closure;
  closure.root = &root;
  closure.members.push_back(&root);
  // Breadth first: the members found so far are the queue, in the order they were found.
  for (size_t next = 0; next < closure.members.size(); ++next) {
    const Component* c = closure.members[next];
    for (const Edge& e : edges_of(*c)) {
      if (!is_dependency(e)) continue;
      if (is_process_route_step(e)) closure.process_route_steps.push_back(e);
      if (!e.to || closure.contains(e.to)) continue;  // cycles end here
      closure.reached_by.emplace(e.to, e);
      closure.members.push_back(e.to);
    }
  }
  return closure;
}

ChainHop hop_of(const Component& c) { return {c.id, c.type, c.name, c.file, c.at.line}; }

std::vector<ChainHop> ComponentGraph::chain_to(const Closure& closure, const Component* target) const {
  std::vector<ChainHop> chain;
  for (const Component* c = target; c;) {
    chain.insert(chain.begin(), hop_of(*c));
    auto it = closure.reached_by.find(c);
    c = it == closure.reached_by.end() ? nullptr : it->second.from;
  }
  return chain;
}

std::string describe_chain(const std::vector<ChainHop>& chain) {
  std::string out;
  for (const auto& hop : chain) {
    if (!out.empty()) out += " → ";
    if (hop.name.empty())
      out += hop.type;
    else
      out += fmt::format("{} \"{}\" ({}…)", hop.type, hop.name, hop.id.substr(0, 8));
  }
  return out;
}

}  // namespace ipack
