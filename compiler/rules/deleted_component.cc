#include <fmt/format.h>

#include "pack/package_exports.h"
#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  if (!in.components) return;
  const auto* packages = pack_view::packages(in.pack);
  for (const auto& p : in.components->closures) {
    for (const Component* member : p.closure.members) {
      if (!member->deleted) continue;
      auto chain = in.components->graph.chain_to(p.closure, member);
      in.reporter.report(kDeletedComponent.id, pack_view::package_pointer(p.index) + "/component", At::Value,
                         fmt::format("{} needs {}, which is deleted on the platform: {}; restore it or stop using it",
                                     package_exports::label(in, (*packages)[p.index], p.index),
                                     package_exports::describe(*member), describe_chain(chain)),
                         chain);
    }
  }
}

}  // namespace

const Rule kDeletedComponent{"deleted-component", Severity::Error, RuleGroup::Components,
                             "a component in a package's closure is deleted (deleted=\"true\")", check};

}  // namespace ipack::rules
