#include <fmt/format.h>

#include "pack/package_exports.h"
#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  const auto* packages = pack_view::packages(in.pack);
  if (!packages) return;
  for (size_t i = 0; i < packages->size(); ++i) {
    const auto& package = (*packages)[i];
    auto id = pack_view::string_member(&package, "component");
    if (!id || pack_view::member(&package, "type") || package_exports::export_of(in, package)) continue;
    in.reporter.report(kMissingComponent.id, pack_view::package_pointer(i) + "/component", At::Value,
                       fmt::format("component {} has no export{} and the manifest gives no type: add its export "
                                   "to the components folder, or declare `type:`",
                                   *id, in.components ? " in the components folder" : fmt::format(" (there is no folder {}/ next to the manifest)", in.model.components.value_or("components"))));
  }
}

}  // namespace

const Rule kMissingComponent{"missing-component", Severity::Error, RuleGroup::Components,
                             "a package names a component that has no export, and the manifest gives no type", check};

}  // namespace ipack::rules
