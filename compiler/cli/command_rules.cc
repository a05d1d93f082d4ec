#include <iostream>

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/did_you_mean.h"
#include "base/project_links.h"
#include "cli/commands.h"
#include "rules/rule_docs.h"
#include "rules/rule_registry.h"

namespace ipack::cli {

void add_rules_commands(CLI::App& app, int& exit_code) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* list = app.add_subcommand("rules", "List every rule: id, severity, group, what it checks");
  list->add_option("--format", *format, "text, or json: [{\"id\", \"severity\", \"group\", \"summary\", \"helpUri\"}]")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  list->callback([format, &exit_code] {
    if (*format == "json") {
      nlohmann::json rules = nlohmann::json::array();
      for (const Rule* r : all_rules())
        rules.push_back({{"id", r->id},
                         {"severity", severity_name(r->severity)},
                         {"group", group_name(r->group)},
                         {"configurable", r->configurable()},
                         {"summary", r->summary},
                         {"helpUri", std::string(kRuleDocsUri) + std::string(r->id)}});
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
    for (const Rule* r : all_rules())
      std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", r->id, id_width, severity_name(r->severity),
                               severity_width, group_name(r->group), group_width, r->summary);
    exit_code = kOk;
  });

  auto id = std::make_shared<std::string>();
  CLI::App* explain = app.add_subcommand("explain", "Print the documentation of one rule");
  explain->add_option("id", *id, "A rule id, as `ipack rules` lists them")->required();
  explain->callback([id, &exit_code] {
    const Rule* rule = find_rule(*id);
    if (!rule) {
      std::vector<std::string> ids;
      for (const Rule* r : all_rules()) ids.emplace_back(r->id);
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
