#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_component_mismatch(const PackInput& in) {
  for_each_package(in.model, [&](const PackageEntry& package) {
    const Component* c = package_exports::export_of(in.components, package);
    if (!c) return;
    if (const auto& type = package.type; type && *type != c->type)
      in.reporter.report(kComponentMismatch.id, type.pointer, At::Value,
                         fmt::format("the manifest says type {}, but the export {} says {}: fix the manifest, or drop "
                                     "`type:` and let the export say it",
                                     *type, c->file, c->type));
    if (const auto& name = package.name; name && *name != c->name)
      in.reporter.report(kComponentMismatch.id, name.pointer, At::Value,
                         fmt::format("the manifest says name \"{}\", but the export {} says \"{}\": fix the manifest, "
                                     "or drop `name:` and let the export say it",
                                     *name, c->file, c->name));
  });
}

}  // namespace

const Rule kComponentMismatch{"component-mismatch", Severity::Error, RuleGroup::Components,
                              "the manifest's type or name for a package disagrees with its export",
                              check_component_mismatch};

}  // namespace ipack::rules
