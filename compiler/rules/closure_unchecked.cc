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
    if (!pack_view::string_member(&package, "component") || package_exports::export_of(in, package)) continue;
    in.reporter.report(kClosureUnchecked.id, pack_view::package_pointer(i) + "/component", At::Value,
                       fmt::format("{} has no export{}, so what it contains (Process Routes, certificates, deleted "
                                   "components, extensions) was not checked: add the export of its component",
                                   pack_view::package_label(package, i),
                                   in.components ? " in the components folder" : fmt::format(" (there is no folder {}/ next to the manifest)", in.model.components.value_or("components"))));
  }
}

}  // namespace

const Rule kClosureUnchecked{"closure-unchecked", Severity::Warning, RuleGroup::Components,
                             "a package's primary export is absent: closure rules could not run for it", check};

}  // namespace ipack::rules
