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
    const Component* c = package_exports::export_of(in, package);
    if (!c) continue;
    if (auto type = pack_view::string_member(&package, "type"); type && *type != c->type)
      in.reporter.report(kComponentMismatch.id, pack_view::package_pointer(i) + "/type", At::Value,
                         fmt::format("the manifest says type {}, but the export {} says {}: fix the manifest, or drop "
                                     "`type:` and let the export say it",
                                     *type, c->file, c->type));
    if (auto name = pack_view::string_member(&package, "name"); name && *name != c->name)
      in.reporter.report(kComponentMismatch.id, pack_view::package_pointer(i) + "/name", At::Value,
                         fmt::format("the manifest says name \"{}\", but the export {} says \"{}\": fix the manifest, "
                                     "or drop `name:` and let the export say it",
                                     *name, c->file, c->name));
  }
}

}  // namespace

const Rule kComponentMismatch{"component-mismatch", Severity::Error, RuleGroup::Components,
                              "the manifest's type or name for a package disagrees with its export", check};

}  // namespace ipack::rules
