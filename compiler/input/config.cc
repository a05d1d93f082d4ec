#include "input/config.h"

#include <algorithm>
#include <cctype>
#include <system_error>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "base/rule_ids.h"
#include "input/json_view.h"

namespace ipack {

namespace fs = std::filesystem;

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  for (;;) {
    fs::path candidate = dir / ".ipack.yaml";
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (fs::exists(dir / ".git", ec) || !dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

AccountFeatures features_of(const nlohmann::json& config) {
  AccountFeatures features;
  const auto* listed = json_view::member(json_view::member(&config, "account"), "features");
  if (!listed || !listed->is_array()) return features;
  features.enabled.clear();
  for (const auto& f : *listed)
    if (f.is_string()) features.enabled.insert(f.get<std::string>());
  return features;
}

RuleSeverities severities_of(const nlohmann::json& config, const RuleCatalog& catalog) {
  RuleSeverities severities;
  const auto* rules = json_view::member(&config, "rules");
  if (!rules || !rules->is_object()) return severities;
  for (const auto& [id, value] : rules->items()) {
    const RuleFacts* rule = catalog.find(id);
    if (!rule || !rule->configurable() || !value.is_string()) continue;
    if (value == "error")
      severities[id] = Severity::Error;
    else if (value == "warning")
      severities[id] = Severity::Warning;
    else if (value == "off")
      severities[id] = std::nullopt;
  }
  return severities;
}

IgnoreGlobs ignores_of(const nlohmann::json& config, const fs::path& config_dir) {
  IgnoreGlobs ignore;
  ignore.base = config_dir.empty() ? fs::path(".") : config_dir;
  const auto* globs = json_view::member(&config, "ignore");
  if (globs && globs->is_array())
    for (const auto& g : *globs)
      if (g.is_string() && !g.get_ref<const std::string&>().empty()) ignore.globs.push_back(g.get<std::string>());
  return ignore;
}

namespace {

// "{8F6A…}" -> "8f6a…": component ids compare without case or braces.
std::string component_id_key(std::string id) {
  if (id.size() >= 2 && id.front() == '{' && id.back() == '}') id = id.substr(1, id.size() - 2);
  std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return id;
}

std::optional<std::string> nonempty_string(const nlohmann::json& entry, const char* key) {
  const auto* v = json_view::member(&entry, key);
  if (!v || !v->is_string() || v->get_ref<const std::string&>().empty()) return std::nullopt;
  return v->get<std::string>();
}

// A rule id named in `rules:` or `suppress:` that does not exist or cannot be changed.
void check_rule_id(const std::string& id, const std::string& where, At at, const Reporter& reporter,
                   const RuleCatalog& catalog) {
  const RuleFacts* rule = catalog.find(id);
  if (!rule) {
    std::string near = closest_match(id, catalog.ids());
    reporter.report(rule_ids::kSchema, where, at,
                    fmt::format("no rule \"{}\"{}; `ipack rules` lists them", id,
                                near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
  } else if (!rule->configurable()) {
    bool platform = rule->kind == RuleFacts::Class::Platform;
    reporter.report(
        rule_ids::kSchema, where, at,
        fmt::format("{} is {} rule: it describes what {}, so it is always an error and cannot be "
                    "changed, turned off or suppressed",
                    id, platform ? "a platform" : "an input", platform ? "the platform refuses" : "ipack cannot read"));
  }
}

}  // namespace

std::vector<ExportSuppression> export_suppressions_of(const nlohmann::json& config, const RuleCatalog& catalog) {
  std::vector<ExportSuppression> out;
  const auto* entries = json_view::member(&config, "suppress");
  if (!entries || !entries->is_array()) return out;
  for (size_t i = 0; i < entries->size(); ++i) {
    const auto& entry = (*entries)[i];
    auto rule = nonempty_string(entry, "rule");
    auto component = nonempty_string(entry, "component");
    auto reason = nonempty_string(entry, "reason");
    if (!rule || !component || !reason) continue;
    const RuleFacts* facts = catalog.find(*rule);
    if (!facts || !facts->configurable()) continue;
    out.push_back({i, *rule, component_id_key(*component), *reason});
  }
  return out;
}

void check_rule_settings(const nlohmann::json& config, const Reporter& reporter, const RuleCatalog& catalog) {
  if (const auto* rules = json_view::member(&config, "rules"); rules && rules->is_object())
    for (const auto& [id, value] : rules->items())
      check_rule_id(id, pointer_join("/rules", id), At::Key, reporter, catalog);
  if (const auto* entries = json_view::member(&config, "suppress"); entries && entries->is_array())
    for (size_t i = 0; i < entries->size(); ++i)
      if (auto rule = nonempty_string((*entries)[i], "rule"))
        check_rule_id(*rule, fmt::format("/suppress/{}/rule", i), At::Value, reporter, catalog);
}

}  // namespace ipack
