#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/did_you_mean.h"
#include "base/read_file.h"
#include "input/config.h"
#include "input/yaml_document.h"
#include "input/xpath_rule_config.h"
#include "rules/rule_descriptions.h"
#include "base/project_links.h"
#include "cli/commands.h"
#include "rules/rule_docs.h"
#include "rules/rule_registry.h"

namespace ipack::cli {
namespace {

// The `xpathRules:` of the config a run here would use (`--config`, else looked up from the
// current directory); none when there is no config or it cannot be read: `validate` reports that.
XPathRuleSet config_xpath_rules(const std::string& given) {
  std::optional<std::filesystem::path> path =
      given.empty() ? find_config(std::filesystem::current_path()) : std::optional<std::filesystem::path>(given);
  if (!path) return {};
  auto text = read_file_capped(*path, YamlLimits{}.max_bytes);
  if (!text) return {};
  SourceFile source(path->string(), std::move(*text));
  std::vector<Diagnostic> ignored;
  auto doc = read_yaml(source, ignored, YamlLimits{});
  if (!doc) return {};
  return xpath_rules_of(doc->value, path->parent_path(), rule_catalog());
}

}  // namespace

void add_rules_commands(CLI::App& app, int& exit_code) {
  auto format = std::make_shared<std::string>("text");
  auto config = std::make_shared<std::string>();
  CLI::App* list = app.add_subcommand("rules", "List every rule: id, severity, group, what it checks");
  list->add_option("--format", *format, "text, or json: [{\"id\", \"severity\", \"group\", \"summary\", \"helpUri\"}]")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  list->add_option("--config", *config, "List the XPath rules of this .ipack.yaml (default: the one looked up)")
      ->type_name("FILE");
  list->callback([format, config, &exit_code] {
    std::vector<RuleDescription> custom = describe_xpath_rules(config_xpath_rules(*config));
    if (*format == "json") {
      nlohmann::json rules = nlohmann::json::array();
      for (const Rule* r : all_rules())
        rules.push_back({{"id", r->id},
                         {"severity", severity_name(r->severity)},
                         {"group", group_name(r->group)},
                         {"configurable", r->configurable()},
                         {"summary", r->summary},
                         {"helpUri", std::string(kRuleDocsUri) + std::string(r->id)}});
      for (const auto& r : custom)
        rules.push_back({{"id", r.id},
                         {"severity", severity_name(r.severity)},
                         {"group", r.group},
                         {"configurable", true},
                         {"summary", r.summary},
                         {"helpUri", r.help_uri}});
      std::cout << rules.dump(2) << "\n";
      exit_code = kOk;
      return;
    }
    // Columns as wide as their longest entry, so that a long id never pushes a row out of line.
    size_t id_width = 0, severity_width = 0, group_width = 0;
    for (const Rule* r : all_rules()) {
      id_width = std::max(id_width, r->id.size());
      severity_width = std::max(severity_width, std::string_view(severity_name(r->severity)).size());
      group_width = std::max(group_width, std::string_view(group_name(r->group)).size());
    }
    for (const auto& r : custom) {
      id_width = std::max(id_width, r.id.size());
      group_width = std::max(group_width, r.group.size());
    }
    for (const Rule* r : all_rules())
      std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", r->id, id_width, severity_name(r->severity),
                               severity_width, group_name(r->group), group_width, r->summary);
    for (const auto& r : custom)
      std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", r.id, id_width, severity_name(r.severity),
                               severity_width, r.group, group_width, r.summary);
    exit_code = kOk;
  });

  auto id = std::make_shared<std::string>();
  CLI::App* explain = app.add_subcommand("explain", "Print the documentation of one rule");
  explain->add_option("id", *id, "A rule id, as `ipack rules` lists them")->required();
  explain->callback([id, &exit_code] {
    const Rule* rule = find_rule(*id);
    XPathRuleSet custom = rule ? XPathRuleSet{} : config_xpath_rules("");
    for (const XPathRule& r : custom.rules)
      if (r.id == *id) {
        std::cout << fmt::format(
            "## `{}`\n**Severity:** {} · **Group:** xpath ({})\n\n{}\n\nEvaluated on each export{}{}:\n\n"
            "```xpath\n{}\n```\n",
            r.id, severity_name(r.severity), r.from_profile ? "a rule of the .ipack.yaml's xpathRules profile"
                                                            : "an xpathRules entry of the .ipack.yaml",
            r.summary == r.message ? r.message : r.summary + ": " + r.message,
            r.types.empty() ? "" : fmt::format(" of type {}", fmt::join(r.types, ", ")),
            r.from_profile ? ", with bns: removed" : "", r.xpath);
        exit_code = kOk;
        return;
      }
    if (!rule) {
      std::vector<std::string> ids;
      for (const Rule* r : all_rules()) ids.emplace_back(r->id);
      for (const XPathRule& r : custom.rules) ids.push_back(r.id);
      std::string near = closest_match(*id, ids);
      print_error(fmt::format("no rule \"{}\"{}; `ipack rules` lists them", *id,
                              near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
      exit_code = kUsage;
      return;
    }
    std::cout << rule_documentation(rule->id);
    exit_code = kOk;
  });
}

}  // namespace ipack::cli
