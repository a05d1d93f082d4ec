#pragma once
/// Checks one manifest file: YAML, kind, schema, then the rules of its kind.

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/civil_date.h"
#include "base/diagnostic.h"
#include "input/source_file.h"
#include "input/xpath_rule_config.h"
#include "input/yaml_document.h"
#include "rules/rule.h"

namespace ipack {

struct CheckSettings {
  AccountFeatures features;
  RuleSeverities severities;  ///< from the config's `rules:`
  CivilDate today;
  YamlLimits limits;
  /// The folder the manifest is in, for `spec.components`; none for standard input without
  /// a name that places it.
  std::optional<std::filesystem::path> base_dir;
  unsigned export_jobs = 1;  ///< exports read at once
  /// pack.json of the last released bundle, for the release rules (--previous).
  std::shared_ptr<const nlohmann::json> previous;
  /// The config's `suppress:` entries, for findings inside exports.
  std::vector<ExportSuppression> export_suppressions;
  std::string previous_display;  ///< the --previous path, for messages
  /// The config's `xpathRules:`, evaluated on every export.
  std::shared_ptr<const XPathRuleSet> xpath_rules;
};

struct ManifestResult {
  /// An install plan waits for its pack: run_validation checks it against the pack once every
  /// pack is read (check_plan_against), then finishes it (finish_findings).
  bool plan_pending = false;
  std::optional<PlanModel> plan;             ///< an install plan's model, read once
  std::vector<Diagnostic> diagnostics;       ///< with severities set, not yet sorted
  std::optional<YamlDocument> document;      ///< when the YAML could be read
  std::optional<PackModel> pack;             ///< a pack manifest's model, read once
  std::optional<PackComponents> components;  ///< a pack's exports, when it has a components folder
  /// Indexes of `settings.export_suppressions` whose component this pack exports, and of those
  /// that dropped a finding.
  std::vector<size_t> export_suppressions_seen, export_suppressions_used;
  /// "path: reason" for each folder or export under the components folder that could not be
  /// read: the caller reports them as input errors (exit 3).
  std::vector<std::string> unreadable;
  /// Set when the previous bundle is of another pack (its `metadata.name`): the release rules
  /// did not run, and the caller reports this as an input error.
  std::string previous_of_other_pack;
};

/// Checks `source` (a pack.yaml, a .ipack.yaml, ...: its `kind` decides how). An install plan
/// comes back with `plan_pending`: its front end is checked, its rules not yet.
ManifestResult check_manifest(const SourceFile& source, const CheckSettings& settings);

/// Settles the findings' severities from the rule table and the config, and applies the
/// file's suppressions; the last step of checking a file.
void finish_findings(const SourceFile& source, ManifestResult& result, const CheckSettings& settings);

}  // namespace ipack
