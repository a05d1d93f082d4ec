#pragma once
/// The `.ipack.yaml` config (kind Config): where it is, and what a run takes from it.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "input/discovery.h"
#include "input/reporter.h"
#include "input/rule_catalog.h"

namespace ipack {

/// A severity set in `.ipack.yaml` `rules:`; nothing = off.
using RuleSeverities = std::map<std::string, std::optional<Severity>, std::less<>>;

/// The publisher account's optional features (`account.features` in `.ipack.yaml`).
struct AccountFeatures {
  std::set<std::string> enabled{"integration-pack-management"};
  bool has(std::string_view f) const { return enabled.count(std::string(f)) > 0; }
};

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
RuleSeverities severities_of(const nlohmann::json& config, const RuleCatalog& catalog);

/// The config's `ignore:` globs (strings only), relative to `config_dir`.
IgnoreGlobs ignores_of(const nlohmann::json& config, const std::filesystem::path& config_dir);

/// A `.ipack.yaml` `suppress:` entry: the findings of `rule` inside the export of `component`
/// are dropped, for the `reason` given. Exports cannot carry comments, so this is their
/// `# ipack-ignore:`.
struct ExportSuppression {
  size_t index = 0;  ///< in `suppress:`
  std::string rule;
  std::string component;  ///< lower case, without braces
  std::string reason;
};

/// The config's complete `suppress:` entries (rule, component and reason all non-empty
/// strings) naming configurable rules; the config's own check reports the others.
std::vector<ExportSuppression> export_suppressions_of(const nlohmann::json& config, const RuleCatalog& catalog);

/// Checks the keys of `rules:` and the rules of `suppress:`: each must be a rule that exists
/// and may be configured. The JSON Schema cannot list rule ids, so this completes it and
/// reports as `schema`.
void check_rule_settings(const nlohmann::json& config, const Reporter& reporter, const RuleCatalog& catalog);

}  // namespace ipack
