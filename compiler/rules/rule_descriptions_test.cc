#include "rules/rule_descriptions.h"

#include <catch2/catch.hpp>

#include "base/project_links.h"
#include "rules/rule_registry.h"

using namespace ipack;

TEST_CASE("the rule table has every registered rule, its docs paragraph and help URI", "[render][sarif]") {
  auto table = describe_rules();
  REQUIRE(table.size() == all_rules().size());
  for (size_t i = 0; i < table.size(); ++i) {
    INFO(table[i].id);
    CHECK(table[i].id == all_rules()[i]->id);
    CHECK(table[i].severity == all_rules()[i]->severity);
    CHECK(table[i].group == group_name(all_rules()[i]->group));
    CHECK(table[i].help_uri == std::string(kRuleDocsUri) + table[i].id);
    CHECK_FALSE(table[i].description.empty());
    CHECK(table[i].description.find('\n') == std::string::npos);
  }
  const RuleDescription* route = nullptr;
  for (const auto& r : table)
    if (r.id == "process-route-in-closure") route = &r;
  REQUIRE(route);
  CHECK(route->description.rfind("A packaged process contains a Process Route: ", 0) == 0);
}
