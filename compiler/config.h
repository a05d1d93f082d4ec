#pragma once
/// The `.ipack.yaml` config (kind Config): where it is, and what a run takes from it.

#include <filesystem>
#include <optional>

#include "rules/rule.h"

namespace ipack {

struct Config {
  std::filesystem::path path;  ///< empty when there is no config
  AccountFeatures features;
};

/// `.ipack.yaml` in `start` or the nearest folder above it, stopping at the repository root
/// (the folder holding `.git`) or the filesystem root.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

/// The account features a (possibly invalid) config document declares: the default
/// (integration pack management only) when it lists none.
AccountFeatures features_of(const nlohmann::json& config);

}  // namespace ipack
