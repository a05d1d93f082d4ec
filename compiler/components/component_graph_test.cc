#include "components/component_graph.h"

#include <catch2/catch.hpp>

namespace ipack {
namespace {

Component component(const std::string& id, const std::string& type, const std::string& name) {
  Component c;
  c.id = id;
  c.type = type;
  c.name = name;
  c.file = name + ".xml";
  return c;
}

void refer(Component& from, const std::string& to, const std::string& element, const std::string& attribute,
           bool in_table = true) {
  RawReference r;
  r.target = to;
  r.element = element;
  r.attribute = attribute;
  r.in_table = in_table;
  r.process_route_step = element == "processroutecall";
  from.references.push_back(r);
}

const std::string A = "aaaaaaaa-0000-4000-8000-000000000000";
const std::string B = "bbbbbbbb-0000-4000-8000-000000000000";
const std::string C = "cccccccc-0000-4000-8000-000000000000";
const std::string R = "dddddddd-0000-4000-8000-000000000000";
const std::string W = "eeeeeeee-0000-4000-8000-000000000000";

std::vector<std::string> names(const Closure& c) {
  std::vector<std::string> out;
  for (const Component* m : c.members) out.push_back(m->name);
  return out;
}

}  // namespace

TEST_CASE("a closure follows dependencies breadth-first and survives cycles", "[graph]") {
  Component a = component(A, "process", "A"), b = component(B, "process", "B"),
            c = component(C, "connector-settings", "C");
  refer(a, B, "processcall", "processId");
  refer(b, A, "processcall", "processId");  // A calls B calls A
  refer(b, C, "connectoraction", "connectionId");
  ComponentGraph graph({a, b, c});
  Closure closure = graph.closure_of(*graph.find(A));
  CHECK(names(closure) == std::vector<std::string>{"A", "B", "C"});
  auto chain = graph.chain_to(closure, graph.find(C));
  REQUIRE(chain.size() == 3);
  CHECK(chain[0].name == "A");
  CHECK(chain[2].name == "C");
  CHECK(describe_chain(chain) ==
        "process \"A\" (aaaaaaaa…) → process \"B\" (bbbbbbbb…) → connector-settings \"C\" (cccccccc…)");
}

TEST_CASE("an API Service's route and a Process Route's entries are not dependencies", "[graph]") {
  Component w = component(W, "webservice", "API"), a = component(A, "process", "A"),
            r = component(R, "processroute", "Route");
  refer(w, A, "route", "processId");
  refer(r, A, "processroute", "processId", false);
  ComponentGraph graph({w, a, r});
  CHECK(names(graph.closure_of(*graph.find(W))) == std::vector<std::string>{"API"});
  CHECK(names(graph.closure_of(*graph.find(R))) == std::vector<std::string>{"Route"});
}

TEST_CASE("a Process Route step counts even when the route's export is absent", "[graph]") {
  Component a = component(A, "process", "A"), b = component(B, "process", "B");
  refer(a, B, "processcall", "processId");
  refer(b, R, "processroutecall", "processRouteId");
  ComponentGraph graph({a, b});
  Closure closure = graph.closure_of(*graph.find(A));
  REQUIRE(closure.process_route_steps.size() == 1);
  CHECK(closure.process_route_steps[0].from->name == "B");
  CHECK(closure.process_route_steps[0].to == nullptr);
}

TEST_CASE("only table references are edges when their target is missing", "[graph]") {
  Component a = component(A, "process", "A");
  refer(a, B, "processcall", "processId");                         // table: an edge to nothing (unresolved)
  refer(a, C, "GenericOperationConfig", "requestProfile", false);  // not in the table, not indexed: ignored
  ComponentGraph graph({a});
  auto edges = graph.edges_of(*graph.find(A));
  REQUIRE(edges.size() == 1);
  CHECK(edges[0].to == nullptr);
  CHECK(edges[0].reference->attribute == "processId");
}

}  // namespace ipack

namespace ipack {

TEST_CASE("a processroutecall is a Process Route step by its target's type, else by its routeType", "[graph]") {
  Component a = component(A, "process", "A"), b = component(B, "process", "B"),
            r = component(R, "processroute", "Route");
  auto step = [](Component& from, const std::string& to, const std::string& route_type) {
    refer(from, to, "processroutecall", "processRouteId");
    from.references.back().route_type = route_type;
  };
  step(a, B, "");              // names a process: not a step
  step(a, R, "");              // names a Process Route: a step
  step(a, C, "processroute");  // no export, routeType says it is one: a step
  step(a, W, "process");       // no export, routeType says it routes elsewhere: not a step
  ComponentGraph graph({a, b, r});
  Closure closure = graph.closure_of(*graph.find(A));
  std::vector<std::string> targets;
  for (const Edge& e : closure.process_route_steps) targets.push_back(e.reference->target);
  CHECK(targets == std::vector<std::string>{R, C});
}

}  // namespace ipack
