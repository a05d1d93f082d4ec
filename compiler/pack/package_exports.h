#pragma once
/// What rules need to know of a package's component export.

#include <optional>
#include <string>

#include "rules/rule.h"

namespace ipack::package_exports {

/// The export of the package's primary component, when the pack has it.
const Component* export_of(const PackInput& in, const nlohmann::json& package);
/// The package's type: its export's when there is one, else what the manifest declares.
std::optional<std::string> type_of(const PackInput& in, const nlohmann::json& package);
/// Where to report about the package's type: its `type` when the manifest gives one, else
/// its `component`.
std::string type_pointer(const nlohmann::json& package, size_t index);
/// `package "Sync Accounts"`, by the export's name when the manifest gives none.
std::string label(const PackInput& in, const nlohmann::json& package, size_t index);
/// `process "Sync Accounts"`
std::string describe(const Component& c);

}  // namespace ipack::package_exports
