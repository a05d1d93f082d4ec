#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_deleted_component(const PackInput& in) {
  for_each_closure(in.model, in.components, [&](const PackageEntry& package, const PackageClosure& p) {
    for (const Component* member : p.closure.members) {
      if (!member->deleted) continue;
      auto chain = in.components->graph.chain_to(p.closure, member);
      in.reporter.report(kDeletedComponent.id, package.component.pointer, At::Value,
                         fmt::format("{} needs {}, which is deleted on the platform: {}; restore it or stop using it",
                                     package_exports::label(in.components, package), package_exports::describe(*member),
                                     describe_chain(chain)),
                         chain);
    }
  });
}

}  // namespace

const Rule kDeletedComponent{"deleted-component", Severity::Error, RuleGroup::Components,
                             "a component in a package's closure is deleted (deleted=\"true\")",
                             check_deleted_component};

}  // namespace ipack::rules
