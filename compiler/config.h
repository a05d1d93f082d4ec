#pragma once
/// The `.ipack.yaml` config (kind Config): where it is, and what a run takes from it.

#include <filesystem>
#include <optional>

#include "discovery.h"
#include "reporter.h"
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

/// The severities a (possibly invalid) config sets for configurable rules; entries that are
/// not (unknown rules, platform rules, bad values) are left out: the config's own check
/// reports them.
RuleSeverities severities_of(const nlohmann::json& config);

/// The config's `ignore:` globs (strings only), relative to `config_dir`.
IgnoreGlobs ignores_of(const nlohmann::json& config, const std::filesystem::path& config_dir);

/// Checks the keys of `rules:`: each must be a rule that exists and may be configured. The
/// JSON Schema cannot list rule ids, so this completes it and reports as `schema`.
void check_rule_settings(const nlohmann::json& config, const Reporter& reporter);

}  // namespace ipack
