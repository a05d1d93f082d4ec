#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "base/did_you_mean.h"
#include "rules/rule_docs.h"
#include "rules/rule_registry.h"

namespace ipack::cli {

void add_rules_commands(CLI::App& app, int& exit_code) {
  CLI::App* list = app.add_subcommand("rules", "List every rule: id, severity, group, what it checks");
  list->callback([&exit_code] {
    for (const Rule* r : all_rules())
      std::cout << fmt::format("{:<27} {:<8} {:<11} {}\n", r->id, severity_name(r->severity), group_name(r->group),
                               r->summary);
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
