#include "plan/plan_model.h"

#include <catch2/catch.hpp>

#include "plan/pack_target.h"

namespace ipack {

using nlohmann::json;

TEST_CASE("the plan model keeps pointers, normalised identities and references, not guesses", "[plan]") {
  json plan = json::parse(R"({
    "metadata": {"name": "globex"},
    "spec": {"pack": "crm-sync", "version": 7, "account": "g-1",
      "instances": [{"name": "EU", "environments": ["Production", 3],
        "extensions": {
          "connections": [{"connection": "0B1C2D3E-4F5A-4B6C-8D7E-9F0A1B2C3D4E", "field": "password",
                           "secret": {"env": "PW"}}],
          "dynamicProcessProperties": [{"name": "BATCH_SIZE", "value": "5"}, {"value": "6"}]},
        "schedules": [{"process": "p", "minutes": 15, "hours": "8-18", "retry": {"maxRetry": 3}}]}]}})");
  PlanModel m = read_plan_model(plan);
  CHECK(*m.pack == "crm-sync");
  CHECK(m.version.wrong_type());
  REQUIRE(m.instances.size() == 1);
  const PlanInstance& i = m.instances[0];
  CHECK(i.pointer == "/spec/instances/0");
  REQUIRE(i.environments.size() == 2);
  CHECK(i.environments[1].wrong_type());
  REQUIRE(i.extensions.size() == 3);
  CHECK(i.extensions[0].identity() == std::vector<std::string>{"0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "password"});
  REQUIRE(i.extensions[0].secret);
  CHECK(i.extensions[0].secret->describe() == "env:PW");
  CHECK(i.extensions[0].secret->pointer == "/spec/instances/0/extensions/connections/0/secret");
  CHECK(i.extensions[1].value.pointer == "/spec/instances/0/extensions/dynamicProcessProperties/0/value");
  CHECK(i.extensions[2].identity().empty());  // no name: not an extension anything can match
  REQUIRE(i.schedules.size() == 1);
  CHECK(*i.schedules[0].fields[0].text == "15");
  CHECK(i.schedules[0].fields[1].pointer == "/spec/instances/0/schedules/0/hours");
  CHECK_FALSE(i.schedules[0].fields[2].present);
  CHECK(*i.schedules[0].max_retry == 3);
}

TEST_CASE("a pack target reads pack.json's form: extensions by kind, processes, listeners", "[plan]") {
  json pack = json::parse(R"({
    "metadata": {"name": "crm-sync", "version": "2.4.0"}, "spec": {"installation": "multi"},
    "packages": [{"component": "AAAAAAAA-0000-4000-8000-000000000001", "type": "process", "name": "Sync"},
                 {"component": "aaaaaaaa-0000-4000-8000-000000000002", "type": "process", "name": "Listen"},
                 {"component": "aaaaaaaa-0000-4000-8000-000000000003", "type": "webservice", "name": "API"}],
    "extensions": {"connections": [{"connection": "0B1C2D3E-4F5A-4B6C-8D7E-9F0A1B2C3D4E", "field": "url",
                                    "required": true, "pattern": "^https://", "secret": false}],
                   "processProperties": [],
                   "dynamicProcessProperties": [{"name": "BATCH_SIZE", "pattern": "(", "default": "1"}]}})");
  auto t = pack_target_of(pack, {"aaaaaaaa-0000-4000-8000-000000000002"}, "pack.json");
  REQUIRE(t.ok());
  CHECK(t->multi);
  CHECK(t->processes.size() == 2);  // processes only
  CHECK_FALSE(t->processes.at("aaaaaaaa-0000-4000-8000-000000000001").listener);
  CHECK(t->processes.at("aaaaaaaa-0000-4000-8000-000000000002").listener);
  const DeclaredExtension* url = t->find_extension("connections", {"0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "url"});
  REQUIRE(url);
  CHECK(url->required);
  CHECK(url->compiled_pattern);
  const DeclaredExtension* batch = t->find_extension("dynamicProcessProperties", {"BATCH_SIZE"});
  REQUIRE(batch);
  CHECK_FALSE(batch->compiled_pattern);  // "(" does not compile: invalid-pattern's business
  CHECK(*batch->default_value == "1");

  CHECK_FALSE(pack_target_of(json::object(), {}, "x").ok());
}

}  // namespace ipack
