#include "input/config.h"

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
    if (value == "error") severities[id] = Severity::Error;
    else if (value == "warning") severities[id] = Severity::Warning;
    else if (value == "off") severities[id] = std::nullopt;
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

void check_rule_settings(const nlohmann::json& config, const Reporter& reporter, const RuleCatalog& catalog) {
  const auto* rules = json_view::member(&config, "rules");
  if (!rules || !rules->is_object()) return;
  for (const auto& [id, value] : rules->items()) {
    std::string where = pointer_join("/rules", id);
    const RuleFacts* rule = catalog.find(id);
    if (!rule) {
      std::string near = closest_match(id, catalog.ids());
      reporter.report(rule_ids::kSchema, where, At::Key,
                      fmt::format("no rule \"{}\"{}; `ipack rules` lists them", id,
                                  near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
    } else if (!rule->configurable()) {
      bool platform = rule->kind == RuleFacts::Class::Platform;
      reporter.report(rule_ids::kSchema, where, At::Key,
                      fmt::format("{} is {} rule: it describes what {}, so it is always an error and cannot be "
                                  "changed or turned off",
                                  id, platform ? "a platform" : "an input",
                                  platform ? "the platform refuses" : "ipack cannot read"));
    }
  }
}

}  // namespace ipack
