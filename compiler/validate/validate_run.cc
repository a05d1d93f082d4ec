#include "validate/validate_run.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <future>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "base/read_file.h"
#include "base/rule_ids.h"
#include "bundle/bundle_reader.h"
#include "input/config.h"
#include "input/discovery.h"
#include "rules/rule_registry.h"
#include "schema/schema_check.h"
#include "validate/manifest_check.h"
#include "validate/plan_check.h"

namespace ipack {

namespace fs = std::filesystem;

std::string_view ValidateOutcome::line(const std::string& file, int n) {
  if (auto masked = masked_lines.find({file, n}); masked != masked_lines.end()) return masked->second;
  if (auto it = sources.find(file); it != sources.end()) return it->second->line(n);
  if (!last_read_ || last_read_->path() != file) {
    last_read_.reset();  // before the next is read: one export in memory at a time
    auto text = read_file_capped(file, 64 * 1024 * 1024);
    last_read_ = std::make_shared<SourceFile>(file, text ? std::move(*text) : std::string());
  }
  return last_read_->line(n);
}

namespace {

struct Input {
  std::string display;
  std::optional<std::string> text;  // set for standard input; else read from `path`
  fs::path path;
  std::optional<fs::path> base_dir;  // where `spec.components` is looked for
};

struct FileResult {
  std::shared_ptr<const SourceFile> source;
  std::vector<Diagnostic> diagnostics;
  std::string read_error;
  std::vector<std::string> unreadable_exports;  // folders and exports under the components folder
  std::optional<ManifestResult> kept;           // the document and exports, when asked for
  std::optional<ManifestResult> pending_plan;   // an install plan, checked once every pack is read
  std::optional<PackTarget> target;             // a pack, as install plans see it
  bool is_pack = false;                         // an integration pack's manifest, read
  std::vector<size_t> export_suppressions_seen, export_suppressions_used;
};

// `want_target`: whether a pack's target is made, which only install plans use (it costs about a
// millisecond for a pack of 500 exports, a twentieth of a pre-commit run).
FileResult check_input(const Input& input, CheckSettings settings, bool keep_result, bool want_target) {
  settings.base_dir = input.base_dir;
  FileResult r;
  std::string text;
  if (input.text) {
    text = *input.text;
  } else {
    auto read = read_file_capped(input.path, settings.limits.max_bytes);
    if (!read) {
      r.read_error = input.display + ": " + read.error();
      return r;
    }
    text = std::move(*read);
  }
  if (auto too_big = check_file_size(input.display, text.size(), settings.limits)) {
    r.source = std::make_shared<SourceFile>(input.display, std::string());
    r.diagnostics.push_back(std::move(*too_big));
    apply_rule_severities(r.diagnostics, settings.severities);
    return r;
  }
  r.source = std::make_shared<SourceFile>(input.display, std::move(text));
  ManifestResult checked = check_manifest(*r.source, settings);
  if (!checked.previous_of_other_pack.empty()) {
    r.read_error = fmt::format("--previous {}: {}", settings.previous_display, checked.previous_of_other_pack);
    return r;
  }
  if (checked.plan_pending) {
    r.pending_plan = std::move(checked);
    return r;
  }
  r.unreadable_exports = std::move(checked.unreadable);
  r.is_pack = checked.pack.has_value();
  if (checked.pack && want_target) r.target = source_pack_target(checked, input.display);
  r.diagnostics = std::move(checked.diagnostics);
  r.export_suppressions_seen = checked.export_suppressions_seen;
  r.export_suppressions_used = checked.export_suppressions_used;
  if (keep_result) r.kept = std::move(checked);
  return r;
}

// The ignore globs for searching a folder named on the command line: a glob that covers the
// folder itself (or a folder above it) is dropped, since naming it asks for it to be checked.
IgnoreGlobs ignore_below(const IgnoreGlobs& ignore, const fs::path& named) {
  IgnoreGlobs kept{ignore.base, {}};
  for (const auto& glob : ignore.globs)
    if (!IgnoreGlobs{ignore.base, {glob}}.ignores(named)) kept.globs.push_back(glob);
  return kept;
}

// The pack schema parsed and its patterns compiled on another thread, while the config and the
// first manifest are read: about 13 million instructions, a fifth of checking one manifest.
// Waited for when it goes out of scope; nothing when no thread can be started.
std::future<void> prepare_pack_schema() {
  try {
    return std::async(std::launch::async, [] { prepare_schema(Kind::IntegrationPack); });
  } catch (const std::system_error&) {
    return {};
  }
}

}  // namespace

ValidateOutcome run_validation(const ValidateRequest& request) {
  std::future<void> schema_ready = prepare_pack_schema();
  ValidateOutcome outcome;
  CheckSettings settings;
  settings.today = request.today;

  std::vector<Diagnostic> all;
  PlanTargets targets;
  std::string given_pack;  // the display path of a --pack folder's manifest
  std::vector<FileResult> plans;
  std::set<size_t> suppressions_seen, suppressions_used;
  auto keep = [&](FileResult r) {
    for (auto& e : r.unreadable_exports) outcome.input_errors.push_back(std::move(e));
    if (!r.read_error.empty()) {
      outcome.input_errors.push_back(r.read_error);
      return;
    }
    if (r.pending_plan) {
      plans.push_back(std::move(r));
      return;
    }
    suppressions_seen.insert(r.export_suppressions_seen.begin(), r.export_suppressions_seen.end());
    suppressions_used.insert(r.export_suppressions_used.begin(), r.export_suppressions_used.end());
    if (r.target) {
      if (r.source->path() == given_pack) targets.given = *r.target;
      fs::path folder = fs::path(r.source->path()).parent_path();
      targets.add(folder.empty() ? fs::path(".") : folder, std::move(*r.target));
    }
    ++outcome.files_checked;
    outcome.sources[r.source->path()] = r.source;
    if (r.kept) {
      if (request.keep_results)
        outcome.results.emplace(r.source->path(), std::move(*r.kept));
      else
        outcome.retired.push_back(std::move(*r.kept));  // exit_after: for the exit to free
    }
    for (auto& d : r.diagnostics) all.push_back(std::move(d));
  };

  if (request.previous) {
    std::error_code ec;
    if (!fs::exists(*request.previous, ec)) {
      outcome.input_errors.push_back(
          fmt::format("--previous {}: no such file (give the last released bundle, "
                      "e.g. dist/NAME-VERSION.ipack from your artifact store)",
                      request.previous->string()));
      return outcome;
    }
    auto previous = read_bundle(*request.previous);
    if (!previous) {
      outcome.input_errors.push_back(fmt::format("--previous {}: {}", request.previous->string(), previous.error()));
      return outcome;
    }
    settings.previous = std::make_shared<const nlohmann::json>(std::move(previous->pack));
    outcome.previous = settings.previous;
    settings.previous_display = request.previous->string();
  }

  // The config first: its account features change how packs are checked.
  std::optional<fs::path> config_path = request.config ? request.config : find_config(fs::current_path());
  std::string config_display;
  IgnoreGlobs ignore;
  std::shared_ptr<const SourceFile> config_source;
  std::optional<YamlDocument> config_document;
  if (config_path) {
    config_display = display_path(*config_path);
    Input input{config_display, std::nullopt, *config_path, config_path->parent_path()};
    FileResult r = check_input(input, settings, false, false);
    if (r.source && r.read_error.empty()) {
      std::vector<Diagnostic> ignored;
      if (auto doc = read_yaml(*r.source, ignored, settings.limits)) {
        settings.features = features_of(doc->value);
        auto xpath_rules = std::make_shared<const XPathRuleSet>(
            xpath_rules_of(doc->value, config_path->parent_path(), rule_catalog()));
        RuleCatalog catalog = with_xpath_rules(rule_catalog(), *xpath_rules);
        settings.severities = severities_of(doc->value, catalog);
        ignore = ignores_of(doc->value, config_path->parent_path());
        settings.export_suppressions = export_suppressions_of(doc->value, catalog);
        if (!xpath_rules->rules.empty()) settings.xpath_rules = outcome.xpath_rules = std::move(xpath_rules);
        config_source = r.source;
        config_document = std::move(doc);
      }
    }
    keep(std::move(r));
  }

  std::vector<Input> inputs;
  if (request.pack) {
    std::error_code ec;
    fs::path pack = *request.pack;
    bool source = fs::is_directory(pack, ec) || is_manifest_name(pack.filename().string());
    if (fs::is_directory(pack, ec))
      pack = fs::exists(pack / "pack.yml", ec) && !fs::exists(pack / "pack.yaml", ec) ? pack / "pack.yml"
                                                                                      : pack / "pack.yaml";
    if (!fs::exists(pack, ec)) {
      outcome.input_errors.push_back(fmt::format("--pack {}: no such file or directory", request.pack->string()));
      return outcome;
    }
    if (source) {
      given_pack = display_path(pack);
      fs::path parent = pack.parent_path().empty() ? fs::path(".") : pack.parent_path();
      inputs.push_back({given_pack, std::nullopt, pack, parent});
    } else {
      auto target = bundle_pack_target(pack, request.keys);
      if (!target) {
        outcome.refused = fmt::format("--pack {}: {}", request.pack->string(), target.error());
        return outcome;
      }
      targets.given = std::move(target).take();
    }
  }
  for (const auto& p : request.paths) {
    if (p == "-") {
      // A name given to standard input places it, so that its components folder is found.
      std::optional<fs::path> base;
      if (request.stdin_name != "<stdin>") base = fs::path(request.stdin_name).parent_path();
      if (base && base->empty()) base = fs::path(".");
      inputs.push_back({request.stdin_name, request.stdin_text.value_or(""), {}, base});
      continue;
    }
    std::error_code ec;
    fs::path path(p);
    if (fs::is_directory(path, ec)) {
      size_t unreadable_before = outcome.input_errors.size();
      auto found = discover_manifests(path, outcome.input_errors, ignore_below(ignore, path));
      for (auto& manifest : found)
        inputs.push_back({display_path(manifest), std::nullopt, manifest, manifest.parent_path()});
      // A folder that checks nothing would pass as clean: it is an input that is not there.
      if (found.empty() && outcome.input_errors.size() == unreadable_before)
        outcome.input_errors.push_back(fmt::format(
            "{}: no pack.yaml or pack.yml in it or under it (hidden folders{} are skipped): nothing to check", p,
            ignore.globs.empty() ? "" : fmt::format(" and the ignore: globs of {} under it", config_display)));
    } else if (fs::exists(path, ec)) {
      fs::path parent = path.parent_path().empty() ? fs::path(".") : path.parent_path();
      inputs.push_back({display_path(path), std::nullopt, path, parent});
    } else {
      outcome.input_errors.push_back(p + ": no such file or directory");
    }
  }
  // The config was checked already, whether named again or not.
  inputs.erase(std::remove_if(inputs.begin(), inputs.end(),
                              [&](const Input& i) { return !i.text && i.display == config_display; }),
               inputs.end());
  // A --pack folder's manifest, found again in a folder named, is checked once.
  if (!given_pack.empty())
    inputs.erase(std::remove_if(inputs.begin() + 1, inputs.end(),
                                [&](const Input& i) { return !i.text && i.display == given_pack; }),
                 inputs.end());

  // One manifest: its exports are read in parallel; several: the manifests are.
  if (inputs.size() == 1) settings.export_jobs = request.jobs;
  // Install plans are checked against the packs of this run: with one input and no --pack,
  // there is no pack for a plan, or no plan for a pack. Nor when every input is a pack.yaml
  // or pack.yml, the run over a folder of packs: there each pack's target would be made for
  // nothing (a plan is NAME.install.yaml, or a file named on the command line). Should a
  // pack.yaml hold a plan after all, the packs' targets are made once every file is read.
  auto named_as_pack = [](const Input& i) { return is_pack_name(file_name_of(i.text ? fs::path(i.display) : i.path)); };
  const bool want_targets =
      request.pack || (inputs.size() > 1 && !std::all_of(inputs.begin(), inputs.end(), named_as_pack));
  // Many manifests' results would add up: those are freed as they are done.
  const bool retire = request.exit_after && inputs.size() == 1;
  std::vector<FileResult> results(inputs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < inputs.size(); i = next++)
      results[i] = check_input(inputs[i], settings, request.keep_results || retire, want_targets);
  };
  unsigned threads = std::max(1u, std::min<unsigned>(request.jobs, static_cast<unsigned>(inputs.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  const bool plan_found =
      std::any_of(results.begin(), results.end(), [](const FileResult& r) { return r.pending_plan.has_value(); });
  if (plan_found && !want_targets && inputs.size() > 1)
    for (size_t i = 0; i < inputs.size(); ++i)
      if (results[i].is_pack) results[i].target = check_input(inputs[i], settings, false, true).target;
  for (auto& r : results) keep(std::move(r));

  // Install plans, now that every pack is read: each against its pack.
  for (auto& r : plans) {
    std::map<int, std::string> masked;
    check_plan_against(*r.source, *r.pending_plan, settings, targets, masked);
    for (auto& [n, line] : masked) outcome.masked_lines[{r.source->path(), n}] = std::move(line);
    r.diagnostics = std::move(r.pending_plan->diagnostics);
    if (request.keep_results) r.kept = std::move(r.pending_plan);
    r.pending_plan.reset();
    keep(std::move(r));
  }

  outcome.pack_target = targets.given;

  // A `suppress:` entry whose export was checked in this run and that dropped nothing hides
  // nothing today. (One whose component no checked pack exports may be for another pack.)
  if (config_document) {
    std::vector<Diagnostic> unused;
    Reporter reporter(*config_source, config_document->positions, unused);
    for (const auto& s : settings.export_suppressions)
      if (suppressions_seen.count(s.index) && !suppressions_used.count(s.index))
        reporter.report(rule_ids::kUnusedSuppression, fmt::format("/suppress/{}", s.index), At::Value,
                        fmt::format("this suppress: entry drops no {} finding in the export of component {}: remove it",
                                    s.rule, s.component));
    apply_rule_severities(unused, settings.severities);
    for (auto& d : unused) all.push_back(std::move(d));
  }
  sort_and_deduplicate(all);
  outcome.diagnostics = std::move(all);
  return outcome;
}

}  // namespace ipack
