#pragma once
/// What a package's component export says about it, next to what its manifest entry says.

#include <optional>
#include <string>

#include "pack/pack_components.h"
#include "pack/pack_model.h"

namespace ipack::package_exports {

/// The export of the package's primary component, when the pack has it (`components` is null
/// when the pack has no components folder).
const Component* export_of(const PackComponents* components, const PackageEntry& package);
/// The package's type: its export's when there is one, else what the manifest declares.
std::optional<std::string> type_of(const PackComponents* components, const PackageEntry& package);
/// Where to report about the package's type: its `type` when the manifest gives one, else
/// its `component`.
std::string type_pointer(const PackageEntry& package);
/// `package "Sync Accounts"`, by the export's name when the manifest gives none.
std::string label(const PackComponents* components, const PackageEntry& package);
/// `process "Sync Accounts"`
std::string describe(const Component& c);

}  // namespace ipack::package_exports
