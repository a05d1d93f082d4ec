#pragma once
/// A `validate` run: finds the manifests, looks up the config, checks every file (in
/// parallel), and returns the findings in their final order.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/civil_date.h"
#include "base/diagnostic.h"
#include "bundle/signing.h"
#include "input/source_file.h"
#include "input/xpath_rule_config.h"
#include "plan/pack_target.h"
#include "validate/manifest_check.h"

namespace ipack {

struct ValidateRequest {
  std::vector<std::string> paths;         ///< files, folders, or "-" for standard input
  std::optional<std::string> stdin_text;  ///< what "-" reads
  std::string stdin_name = "<stdin>";
  std::optional<std::filesystem::path> config;  ///< --config; else looked up from the current directory
  unsigned jobs = 1;
  CivilDate today;
  bool keep_results = false;                      ///< keep each manifest's document and exports (for `build`)
  std::optional<std::filesystem::path> previous;  ///< --previous BUNDLE: the last released bundle
  /// --pack DIR|BUNDLE: the pack every install plan is checked against (a folder is checked too).
  std::optional<std::filesystem::path> pack;
  std::vector<PublicKey> keys;  ///< --key/--keyring: a --pack bundle must verify against one
  /// The caller exits once it has the outcome (`validate`): with one manifest, its document and
  /// exports are not freed piece by piece but handed over in `retired`, for the exit to drop.
  bool exit_after = false;
};

struct ValidateOutcome {
  std::vector<Diagnostic> diagnostics;  ///< sorted, de-duplicated
  size_t files_checked = 0;
  std::map<std::string, std::shared_ptr<const SourceFile>> sources;  ///< by display path, for rendering
  std::vector<std::string> input_errors;                             ///< inputs that could not be read (exit 3)
  std::map<std::string, ManifestResult> results;                     ///< by display path, with keep_results
  std::shared_ptr<const nlohmann::json> previous;                    ///< pack.json of the --previous bundle, when given
  std::optional<PackTarget> pack_target;                             ///< the --pack pack, as install plans see it
  std::string refused;  ///< why the --pack bundle was refused (it does not verify); nothing was checked
  /// Lines that hold a secret literal, with the literal blanked: text output shows these.
  std::map<std::pair<std::string, int>, std::string> masked_lines;
  std::shared_ptr<const XPathRuleSet> xpath_rules;  ///< the config's `xpathRules:`, when it has any
  /// With exit_after: what the run no longer needs (freeing a pack of 500 exports piece by
  /// piece takes about a millisecond, a twenty-fifth of a pre-commit run).
  std::vector<ManifestResult> retired;

  /// Line `n` of a file with findings, for text output: manifests are in memory; a component
  /// export is read again only when a finding is in it, and only the last one read is kept
  /// (findings come sorted by file), so that memory is bounded by the largest export, not by
  /// how many have findings. A line is good until the next call.
  std::string_view line(const std::string& file, int n);

 private:
  std::shared_ptr<const SourceFile> last_read_;  ///< the last file `line` read
};

ValidateOutcome run_validation(const ValidateRequest& request);

}  // namespace ipack
