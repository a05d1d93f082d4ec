#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_missing_component(const PackInput& in) {
  for_each_package(in.model, [&](const PackageEntry& package) {
    const auto& id = package.component;
    if (!id || package.type.present || package_exports::export_of(in.components, package)) return;
    in.reporter.report(kMissingComponent.id, id.pointer, At::Value,
                       fmt::format("component {} has no export{} and the manifest gives no type: add its export "
                                   "to the components folder, or declare `type:`",
                                   *id,
                                   in.components ? " in the components folder"
                                                 : fmt::format(" (there is no folder {}/ next to the manifest)",
                                                               in.model.components.value_or("components"))));
  });
}

}  // namespace

const Rule kMissingComponent{"missing-component", Severity::Error, RuleGroup::Components,
                             "a package names a component that has no export, and the manifest gives no type",
                             check_missing_component};

}  // namespace ipack::rules
