#include "validate/validate_run.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "bundle/bundle_reader.h"
#include "input/config.h"
#include "input/discovery.h"
#include "base/read_file.h"
#include "validate/manifest_check.h"
#include "rules/rule_registry.h"

namespace ipack {

namespace fs = std::filesystem;

std::string_view ValidateOutcome::line(const std::string& file, int n) {
  auto it = sources.find(file);
  if (it == sources.end()) {
    auto text = read_file_capped(file, 64 * 1024 * 1024);
    it = sources.emplace(file, std::make_shared<SourceFile>(file, text ? *text : std::string())).first;
  }
  return it->second->line(n);
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
  std::optional<ManifestResult> kept;  // the document and exports, with keep_results
};

FileResult check_input(const Input& input, CheckSettings settings, bool keep_result) {
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
  r.diagnostics = std::move(checked.diagnostics);
  if (keep_result) r.kept = std::move(checked);
  return r;
}

}  // namespace

ValidateOutcome run_validation(const ValidateRequest& request) {
  ValidateOutcome outcome;
  CheckSettings settings;
  settings.today = request.today;

  std::vector<Diagnostic> all;
  auto keep = [&](FileResult r) {
    if (!r.read_error.empty()) {
      outcome.input_errors.push_back(r.read_error);
      return;
    }
    ++outcome.files_checked;
    outcome.sources[r.source->path()] = r.source;
    if (r.kept) outcome.results.emplace(r.source->path(), std::move(*r.kept));
    for (auto& d : r.diagnostics) all.push_back(std::move(d));
  };

  if (request.previous) {
    auto previous = read_bundle(*request.previous);
    if (!previous) {
      outcome.input_errors.push_back(fmt::format("--previous {}: {}", request.previous->string(), previous.error()));
      return outcome;
    }
    settings.previous = std::make_shared<const nlohmann::json>(std::move(previous->pack));
    settings.previous_display = request.previous->string();
  }

  // The config first: its account features change how packs are checked.
  std::optional<fs::path> config_path = request.config ? request.config : find_config(fs::current_path());
  std::string config_display;
  IgnoreGlobs ignore;
  if (config_path) {
    config_display = display_path(*config_path);
    Input input{config_display, std::nullopt, *config_path, config_path->parent_path()};
    FileResult r = check_input(input, settings, false);
    if (r.source && r.read_error.empty()) {
      std::vector<Diagnostic> ignored;
      if (auto doc = read_yaml(*r.source, ignored, settings.limits)) {
        settings.features = features_of(doc->value);
        settings.severities = severities_of(doc->value, rule_catalog());
        ignore = ignores_of(doc->value, config_path->parent_path());
      }
    }
    keep(std::move(r));
  }

  std::vector<Input> inputs;
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
      for (auto& found : discover_manifests(path, outcome.input_errors, ignore))
        inputs.push_back({display_path(found), std::nullopt, found, found.parent_path()});
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

  // One manifest: its exports are read in parallel; several: the manifests are.
  if (inputs.size() == 1) settings.export_jobs = request.jobs;
  std::vector<FileResult> results(inputs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < inputs.size(); i = next++) results[i] = check_input(inputs[i], settings, request.keep_results);
  };
  unsigned threads = std::max(1u, std::min<unsigned>(request.jobs, static_cast<unsigned>(inputs.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (auto& r : results) keep(std::move(r));

  sort_and_deduplicate(all);
  outcome.diagnostics = std::move(all);
  return outcome;
}

}  // namespace ipack
