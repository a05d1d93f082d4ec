#pragma once
/// The loops over a pack's packages that rules and the bundle compiler share.

#include "pack/pack_components.h"
#include "pack/pack_model.h"

namespace ipack {

/// Calls `visit(const PackageEntry&)` for each entry of `spec.packages` that is a mapping, in
/// manifest order. An entry of another type has no fields: the `schema` finding says what is wrong.
template <typename Visit> void for_each_package(const PackModel& pack, Visit&& visit) {
  for (const PackageEntry& package : pack.packages)
    if (package.is_object) visit(package);
}

/// Calls `visit(const PackageEntry&, const PackageClosure&)` for each package whose primary
/// component has an export, in manifest order; nothing when the pack has no components folder.
template <typename Visit>
void for_each_closure(const PackModel& pack, const PackComponents* components, Visit&& visit) {
  if (!components) return;
  for (const PackageClosure& closure : components->closures) visit(pack.packages[closure.index], closure);
}

}  // namespace ipack
