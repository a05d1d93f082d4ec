#include "validate/manifest_check.h"

#include <algorithm>

#include <fmt/format.h>

#include "components/component_index.h"
#include "input/config.h"
#include "base/did_you_mean.h"
#include "input/kinds.h"
#include "input/reporter.h"
#include "rules/rule_registry.h"
#include "input/json_view.h"
#include "schema/schema_check.h"
#include "input/suppressions.h"

namespace ipack {
namespace {

using nlohmann::json;

// `unknown-kind`: say what is missing or wrong, and what would be right.
void report_unknown_kind(const json& doc, const Reporter& reporter) {
  const std::string known = fmt::format("known kinds (with apiVersion: {}): {}", kApiVersion, known_kind_list());
  if (!doc.is_object()) {
    reporter.report("unknown-kind", "", At::Value,
                    fmt::format("a manifest is a mapping with apiVersion and kind; {}", known));
    return;
  }
  auto api = json_view::string_member(&doc, "apiVersion");
  auto kind = json_view::string_member(&doc, "kind");
  if (!api) {
    reporter.report("unknown-kind", doc.contains("apiVersion") ? "/apiVersion" : "", At::Value,
                    fmt::format("the manifest has no apiVersion; add apiVersion: {}", kApiVersion));
    return;
  }
  if (*api != kApiVersion) {
    reporter.report("unknown-kind", "/apiVersion", At::Value,
                    fmt::format("unknown apiVersion \"{}\"; this version of ipack reads {}", *api, kApiVersion));
    return;
  }
  if (!kind) {
    reporter.report("unknown-kind", doc.contains("kind") ? "/kind" : "", At::Value,
                    fmt::format("the manifest has no kind; {}", known));
    return;
  }
  std::vector<std::string> names;
  for (const auto& k : known_kinds()) names.emplace_back(k.name);
  std::string message = fmt::format("unknown kind \"{}\"", *kind);
  if (*kind == "InstallPlan")
    message = "kind InstallPlan is not supported by this version of ipack yet";
  else if (std::string near = closest_match(*kind, names); !near.empty())
    message += fmt::format(" (did you mean \"{}\"?)", near);
  reporter.report("unknown-kind", "/kind", At::Value, fmt::format("{}; {}", message, known));
}

// Why `spec.components` does not name a folder inside the pack's, or "": exports are read only
// from inside the pack, never through an absolute path, `..` or a symbolic link out of it.
std::string components_outside_pack(const std::string& folder, const std::filesystem::path& base_dir) {
  namespace fs = std::filesystem;
  fs::path path(folder);
  if (path.is_absolute())
    return fmt::format("`spec.components` \"{}\" is an absolute path; name a folder inside the pack's folder", folder);
  for (const auto& part : path)
    if (part == "..")
      return fmt::format("`spec.components` \"{}\" climbs out of the pack's folder with ..; name a folder inside it",
                         folder);
  std::error_code ec;
  fs::path root = fs::canonical(base_dir, ec);
  if (ec) return "";
  fs::path dir = fs::canonical(base_dir / path, ec);
  if (ec) return "";  // no such folder: nothing is read
  if (std::mismatch(root.begin(), root.end(), dir.begin(), dir.end()).first != root.end())
    return fmt::format("`spec.components` \"{}\" leads out of the pack's folder through a symbolic link; name a "
                       "folder inside it",
                       folder);
  return "";
}

// The pack's exports, read from `spec.components` (default "components") next to the
// manifest; nothing when that folder does not exist.
std::optional<PackComponents> read_components(const PackModel& pack, const CheckSettings& settings,
                                              std::vector<Diagnostic>& out) {
  if (!settings.base_dir) return std::nullopt;
  // A folder of the wrong type reads as the default, as before: the schema finding says what is wrong.
  std::string folder = pack.components.value_or("components");
  std::error_code ec;
  std::filesystem::path dir = *settings.base_dir / folder;
  if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
  ComponentIndex index = index_components(dir, *settings.base_dir, settings.export_jobs);
  for (auto& f : index.findings) out.push_back(std::move(f));
  PackComponents components{ComponentGraph(std::move(index.components)), {}, true};
  for (const PackageEntry& p : pack.packages) {
    const Component* primary = p.component ? components.graph.find(normalise_component_id(*p.component)) : nullptr;
    if (!primary) {
      components.complete = false;
      continue;
    }
    components.closures.push_back({p.index, primary, components.graph.closure_of(*primary)});
  }
  return components;
}

}  // namespace

ManifestResult check_manifest(const SourceFile& source, const CheckSettings& settings) {
  ManifestResult result;
  result.document = read_yaml(source, result.diagnostics, settings.limits);
  if (result.document) {
    const YamlDocument& doc = *result.document;
    Reporter reporter(source, doc.positions, result.diagnostics);
    if (auto kind = kind_of(doc.value)) {
      check_schema(*kind, doc, reporter);
      if (*kind == Kind::Config) check_rule_settings(doc.value, reporter, rule_catalog());
      std::optional<PackComponents>& components = result.components;
      if (*kind == Kind::IntegrationPack) {
        result.pack = read_pack_model(doc.value);
        std::string outside = settings.base_dir && result.pack->components
                                  ? components_outside_pack(*result.pack->components, *settings.base_dir)
                                  : "";
        if (outside.empty()) components = read_components(*result.pack, settings, result.diagnostics);
        else reporter.report("schema", result.pack->components.pointer, At::Value, outside);
      }
      const nlohmann::json* previous = settings.previous.get();
      if (previous && result.pack && result.pack->metadata.name) {
        // read_bundle checked that the previous pack.json has a string metadata.name.
        std::string before = (*previous)["metadata"]["name"].get<std::string>();
        if (before != *result.pack->metadata.name) {
          result.previous_of_other_pack =
              fmt::format("it is a bundle of pack \"{}\", not of \"{}\"", before, *result.pack->metadata.name);
          return result;
        }
      }
      for (const Rule* rule : all_rules()) {
        if (*kind == Kind::IntegrationPack && rule->check_pack)
          rule->check_pack(PackInput{doc.value, *result.pack, reporter, settings.features, settings.today,
                                     components ? &*components : nullptr, previous});
        if (*kind == Kind::Config && rule->check_config) rule->check_config(ConfigInput{doc.value, reporter});
      }
    } else {
      report_unknown_kind(doc.value, reporter);
    }
  }
  apply_rule_severities(result.diagnostics, settings.severities);
  apply_suppressions(source, result.diagnostics, rule_catalog());
  // unused-suppression findings are made after the severities were set: set theirs.
  apply_rule_severities(result.diagnostics, settings.severities);
  return result;
}

}  // namespace ipack
