#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_closure_unchecked(const PackInput& in) {
  for_each_package(in.model, [&](const PackageEntry& package) {
    if (!package.component || package_exports::export_of(in.components, package)) return;
    in.reporter.report(kClosureUnchecked.id, package.component.pointer, At::Value,
                       fmt::format("{} has no export{}, so what it contains (Process Routes, certificates, deleted "
                                   "components, extensions) was not checked: add the export of its component",
                                   package.label(),
                                   in.components ? " in the components folder"
                                                 : fmt::format(" (there is no folder {}/ next to the manifest)",
                                                               in.model.components.value_or("components"))));
  });
}

}  // namespace

const Rule kClosureUnchecked{"closure-unchecked", Severity::Warning, RuleGroup::Components,
                             "a package's primary export is absent: closure rules could not run for it",
                             check_closure_unchecked};

}  // namespace ipack::rules
