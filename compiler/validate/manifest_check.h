#pragma once
/// Checks one manifest file: YAML, kind, schema, then the rules of its kind.

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/civil_date.h"
#include "base/diagnostic.h"
#include "rules/rule.h"
#include "input/source_file.h"
#include "input/yaml_document.h"

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
  std::string previous_display;  ///< the --previous path, for messages
};

struct ManifestResult {
  std::vector<Diagnostic> diagnostics;  ///< with severities set, not yet sorted
  std::optional<YamlDocument> document;  ///< when the YAML could be read
  std::optional<PackModel> pack;  ///< a pack manifest's model, read once
  std::optional<PackComponents> components;  ///< a pack's exports, when it has a components folder
  /// Set when the previous bundle is of another pack (its `metadata.name`): the release rules
  /// did not run, and the caller reports this as an input error.
  std::string previous_of_other_pack;
};

/// Checks `source` (a pack.yaml, a .ipack.yaml, ...: its `kind` decides how).
ManifestResult check_manifest(const SourceFile& source, const CheckSettings& settings);

}  // namespace ipack
