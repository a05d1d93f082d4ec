#include "validate/manifest_check.h"

#include <algorithm>
#include <future>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "base/rule_ids.h"
#include "components/component_index.h"
#include "input/config.h"
#include "input/discovery.h"
#include "input/json_view.h"
#include "input/kinds.h"
#include "input/reporter.h"
#include "input/suppressions.h"
#include "rules/rule_registry.h"
#include "schema/schema_check.h"

namespace ipack {
namespace {

using nlohmann::json;

// `unknown-kind`: say what is missing or wrong, and what would be right.
void report_unknown_kind(const json& doc, const Reporter& reporter) {
  const std::string known = fmt::format("known kinds (with apiVersion: {}): {}", kApiVersion, known_kind_list());
  if (!doc.is_object()) {
    reporter.report(rule_ids::kUnknownKind, "", At::Value,
                    fmt::format("a manifest is a mapping with apiVersion and kind; {}", known));
    return;
  }
  auto api = json_view::string_member(&doc, "apiVersion");
  auto kind = json_view::string_member(&doc, "kind");
  if (!api) {
    reporter.report(rule_ids::kUnknownKind, doc.contains("apiVersion") ? "/apiVersion" : "", At::Value,
                    fmt::format("the manifest has no apiVersion; add apiVersion: {}", kApiVersion));
    return;
  }
  if (*api != kApiVersion) {
    reporter.report(rule_ids::kUnknownKind, "/apiVersion", At::Value,
                    fmt::format("unknown apiVersion \"{}\"; this version of ipack reads {}", *api, kApiVersion));
    return;
  }
  if (!kind) {
    reporter.report(rule_ids::kUnknownKind, doc.contains("kind") ? "/kind" : "", At::Value,
                    fmt::format("the manifest has no kind; {}", known));
    return;
  }
  std::vector<std::string> names;
  for (const auto& k : known_kinds()) names.emplace_back(k.name);
  std::string message = fmt::format("unknown kind \"{}\"", *kind);
  if (std::string near = closest_match(*kind, names); !near.empty())
    message += fmt::format(" (did you mean \"{}\"?)", near);
  reporter.report(rule_ids::kUnknownKind, "/kind", At::Value, fmt::format("{}; {}", message, known));
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
  // No such folder, nothing is read: one stat, before resolving every part of both paths.
  if (!fs::exists(base_dir / path, ec)) return "";
  fs::path root = fs::canonical(base_dir, ec);
  if (ec) return "";
  fs::path dir = fs::canonical(base_dir / path, ec);
  if (ec) return "";
  if (std::mismatch(root.begin(), root.end(), dir.begin(), dir.end()).first != root.end())
    return fmt::format(
        "`spec.components` \"{}\" leads out of the pack's folder through a symbolic link; name a "
        "folder inside it",
        folder);
  return "";
}

// The folder of the pack's exports, `spec.components` (default "components") next to the
// manifest.
std::filesystem::path components_dir(const PackModel& pack, const CheckSettings& settings) {
  // A folder of the wrong type reads as the default, as before: the schema finding says what is wrong.
  return *settings.base_dir / pack.components.value_or("components");
}

// index_components over `dir` with the settings' jobs and XPath rules.
ComponentIndex read_exports(const std::filesystem::path& dir, const CheckSettings& settings,
                            const std::atomic<bool>* cancel = nullptr) {
  static const std::vector<XPathRule> kNone;
  return index_components(dir, *settings.base_dir, settings.export_jobs,
                          settings.xpath_rules ? settings.xpath_rules->rules : kNone, cancel);
}

// Reading a pack's exports, started before its manifest is checked, since that reading is most
// of a pre-commit run. Only with more than one thread for exports (one manifest): checking many
// manifests already uses every thread, one manifest each.
class StartedExports {
 public:
  StartedExports() = default;
  StartedExports(const StartedExports&) = delete;
  StartedExports& operator=(const StartedExports&) = delete;
  ~StartedExports() { cancel(); }  // then the read, stopped at its next export, is waited for

  /// Before the manifest is read: the default folder, when the manifest is a pack.yaml (or
  /// pack.yml) and that folder exists. Most packs keep their exports there.
  void guess(const SourceFile& source, const CheckSettings& settings) {
    if (!is_pack_name(file_name_of(source.path()))) return;
    start(*this, settings.base_dir ? *settings.base_dir / "components" : std::filesystem::path(), settings);
  }

  /// Once the manifest says it is a pack whose folder is inside it: the reading of its folder,
  /// the one guessed if it is that folder, else started now (the guess is stopped). Nothing
  /// when the folder does not exist.
  std::future<ComponentIndex> take(const PackModel& pack, const CheckSettings& settings) {
    if (!settings.base_dir) return {};
    std::filesystem::path dir = components_dir(pack, settings);
    if (!index_.valid() || dir != dir_) {
      cancel();
      StartedExports now;
      start(now, dir, settings);
      return now.release();
    }
    return release();
  }

  /// The guess is not wanted (the manifest is not a pack).
  void cancel() {
    if (stop_) *stop_ = true;
  }

 private:
  // The reading, which from now on is the caller's to wait for: no longer stopped by cancel().
  std::future<ComponentIndex> release() {
    stop_.reset();
    return std::move(index_);
  }

  static void start(StartedExports& into, const std::filesystem::path& dir, const CheckSettings& settings) {
    if (!settings.base_dir || settings.export_jobs < 2 || dir.empty()) return;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return;
    into.dir_ = dir;
    into.stop_ = std::make_shared<std::atomic<bool>>(false);
    into.index_ = std::async(std::launch::async,
                             [dir, stop = into.stop_, &settings] { return read_exports(dir, settings, stop.get()); });
  }

  std::filesystem::path dir_;
  std::shared_ptr<std::atomic<bool>> stop_;
  std::future<ComponentIndex> index_;  // last: destroyed, and so waited for, first
};

// The pack's exports, read from `spec.components` (default "components") next to the
// manifest, or taken from `started`; nothing when that folder does not exist.
std::optional<PackComponents> read_components(const PackModel& pack, const CheckSettings& settings,
                                              const Reporter& reporter, ManifestResult& result,
                                              std::future<ComponentIndex> started) {
  if (!settings.base_dir) return std::nullopt;
  std::error_code ec;
  std::filesystem::path dir = components_dir(pack, settings);
  if (!started.valid() && !std::filesystem::is_directory(dir, ec)) {
    // Named but not there: an error, so that no closure rule passes for want of exports.
    if (pack.components.present && pack.components)
      reporter.report(
          "components-folder", pack.components.pointer, At::Value,
          fmt::format("spec.components names the folder {}, which {}: create it and put the pack's "
                      "component exports in it, or correct the path (relative to the manifest's folder)",
                      display_path(dir), std::filesystem::exists(dir, ec) ? "is not a folder" : "does not exist"));
    return std::nullopt;
  }
  ComponentIndex index = started.valid() ? started.get() : read_exports(dir, settings);
  for (auto& f : index.findings) result.diagnostics.push_back(std::move(f));
  result.unreadable = std::move(index.unreadable);
  // Without a readable package list (`pakages:`, a list of the wrong type) no closure is known,
  // so the closure rules stay quiet rather than call every export unused.
  PackComponents components{ComponentGraph(std::move(index.components)), {}, pack.packages_listed.value_or(false)};
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

// `.ipack.yaml` `suppress:`: drops the findings of a rule inside one component's export.
void apply_export_suppressions(const PackComponents& components, const CheckSettings& settings,
                               ManifestResult& result) {
  if (settings.export_suppressions.empty()) return;
  std::map<std::string, std::string> id_of_file;  // export file -> normalised component id
  for (const Component& c : components.graph.components()) id_of_file.emplace(c.file, normalise_component_id(c.id));
  std::set<std::string> exported;
  for (const auto& entry : id_of_file) exported.insert(entry.second);
  std::set<size_t> used;
  auto& ds = result.diagnostics;
  ds.erase(std::remove_if(ds.begin(), ds.end(),
                          [&](const Diagnostic& d) {
                            auto file = id_of_file.find(d.file);
                            if (file == id_of_file.end()) return false;
                            for (const auto& s : settings.export_suppressions)
                              if (s.rule == d.rule && s.component == file->second) {
                                used.insert(s.index);
                                return true;
                              }
                            return false;
                          }),
           ds.end());
  for (const auto& s : settings.export_suppressions)
    if (exported.count(s.component)) result.export_suppressions_seen.push_back(s.index);
  result.export_suppressions_used.assign(used.begin(), used.end());
}

}  // namespace

ManifestResult check_manifest(const SourceFile& source, const CheckSettings& settings) {
  ManifestResult result;
  StartedExports started;
  started.guess(source, settings);
  result.document = read_yaml(source, result.diagnostics, settings.limits);
  if (result.document) {
    const YamlDocument& doc = *result.document;
    Reporter reporter(source, doc.positions, result.diagnostics);
    if (auto kind = kind_of(doc.value)) {
      std::future<ComponentIndex> exports;
      std::string outside;  // why spec.components is refused, if it is
      if (*kind == Kind::IntegrationPack) {
        result.pack = read_pack_model(doc.value);
        if (settings.base_dir && result.pack->components)
          outside = components_outside_pack(*result.pack->components, *settings.base_dir);
      }
      if (*kind == Kind::IntegrationPack && outside.empty())
        exports = started.take(*result.pack, settings);
      else
        started.cancel();
      check_schema(*kind, doc, reporter);
      if (*kind == Kind::Config) {
        // The config's own XPath rules may be named in its `rules:` and `suppress:`.
        XPathRuleSet xpath_rules = xpath_rules_of(doc.value, settings.base_dir.value_or("."), rule_catalog());
        report_xpath_rule_problems(xpath_rules, reporter);
        check_rule_settings(doc.value, reporter, with_xpath_rules(rule_catalog(), xpath_rules));
      }
      std::optional<PackComponents>& components = result.components;
      if (*kind == Kind::IntegrationPack) {
        if (outside.empty())
          components = read_components(*result.pack, settings, reporter, result, std::move(exports));
        else
          reporter.report(rule_ids::kSchema, result.pack->components.pointer, At::Value, outside);
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
        // A rule turned off is not run: each rule reports under its own id, so all its
        // findings would be dropped.
        if (turned_off(*rule, settings.severities)) continue;
        if (*kind == Kind::IntegrationPack && rule->check_pack)
          rule->check_pack(PackInput{*result.pack, reporter, settings.features, settings.today,
                                     components ? &*components : nullptr, previous});
        if (*kind == Kind::Config && rule->check_config) rule->check_config(ConfigInput{doc.value, reporter});
      }
      if (*kind == Kind::InstallPlan) {
        result.plan = read_plan_model(doc.value);
        result.plan_pending = true;
        return result;  // finished once checked against its pack
      }
    } else {
      report_unknown_kind(doc.value, reporter);
    }
  }
  finish_findings(source, result, settings);
  return result;
}

void finish_findings(const SourceFile& source, ManifestResult& result, const CheckSettings& settings) {
  apply_rule_severities(result.diagnostics, settings.severities);
  apply_suppressions(source, result.diagnostics,
                     settings.xpath_rules ? with_xpath_rules(rule_catalog(), *settings.xpath_rules) : rule_catalog());
  if (result.components) apply_export_suppressions(*result.components, settings, result);
  // A spec.components folder that is not there is the one thing to fix: no finding about the
  // exports it would hold.
  bool folder_missing = std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.rule == "components-folder"; });
  if (folder_missing)
    result.diagnostics.erase(std::remove_if(result.diagnostics.begin(), result.diagnostics.end(),
                                            [](const Diagnostic& d) {
                                              return d.rule == "closure-unchecked" || d.rule == "missing-component";
                                            }),
                             result.diagnostics.end());
  // unused-suppression findings are made after the severities were set: set theirs.
  apply_rule_severities(result.diagnostics, settings.severities);
  result.plan_pending = false;
}

}  // namespace ipack
