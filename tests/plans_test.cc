// Install plans end to end: checked against a source pack or a bundle (which must verify),
// compiled into Platform API requests whose bodies match Boomi's OpenAPI schemas, diffed, and
// never a secret's value in any output.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::RunOptions;
using ipack::test::source_dir;
using ipack::test::write_text;
using nlohmann::json;

namespace {

const char* kGlobex = "examples/crm-sync/customers/globex.install.yaml";
const char* kInitech = "examples/contact-feeds/customers/initech.install.yaml";

// Signed bundles of both example packs, and a second key that signed neither.
struct PlanBundles {
  std::string dir = make_temp_dir();
  std::string crm = dir + "/dist/crm-sync-2.4.0.ipack";
  std::string feeds = dir + "/dist/contact-feeds-1.2.0.ipack";
  std::string pub = dir + "/signer.pub.pem";
  std::string other = dir + "/other.pub.pem";
  PlanBundles() {
    REQUIRE(run_ipack({"keygen", dir + "/signer"}).exit_code == 0);
    REQUIRE(run_ipack({"keygen", dir + "/other"}).exit_code == 0);
    REQUIRE(run_ipack({"build", "examples/crm-sync", "-o", dir + "/dist", "--key", dir + "/signer.pem"}).exit_code ==
            0);
    RunOptions in_feeds{source_dir() + "/examples/contact-feeds"};
    auto r = run_ipack({"build", ".", "-o", dir + "/dist", "--key", dir + "/signer.pem"}, in_feeds);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
};

const PlanBundles& plan_bundles() {
  static PlanBundles b;
  return b;
}

// Every object schema of the OpenAPI subset, made strict: a field it does not name is an error,
// so a misspelt or misplaced field fails. $ref stays within the document.
json strict(json schema) {
  if (schema.is_object()) {
    for (auto& [k, v] : schema.items()) v = strict(v);
    if (schema.contains("properties") && !schema.contains("additionalProperties"))
      schema["additionalProperties"] = false;
  } else if (schema.is_array()) {
    for (auto& v : schema) v = strict(v);
  }
  return schema;
}

std::vector<std::string> openapi_errors(const json& openapi, const std::string& object, const json& body) {
  json schema = {{"$ref", "#/components/schemas/" + object}, {"components", strict(openapi["components"])}};
  valijson::Schema compiled;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema);
  parser.populateSchema(schema_adapter, compiled);
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter body_adapter(body);
  std::vector<std::string> errors;
  if (validator.validate(compiled, body_adapter, &results)) return errors;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    std::string where;
    for (const auto& c : e.context) where += c;
    errors.push_back(where + ": " + e.description);
  }
  return errors;
}

}  // namespace

TEST_CASE("the example plans validate clean against their source packs", "[plans]") {
  for (const char* dir : {"examples/crm-sync", "examples/contact-feeds"}) {
    auto r = run_ipack({"validate", "--format", "json"}, RunOptions{source_dir() + "/" + dir});
    INFO(dir << "\n" << r.out << r.err);
    CHECK(r.exit_code == 0);
    auto doc = json::parse(r.out);
    CHECK(doc["diagnostics"].empty());
    CHECK(doc["summary"]["files"].get<int>() >= 2);  // the pack and its plan
  }
}

// A run over packs alone (every input a pack.yaml) makes no plan targets; a plan kept in a
// file named pack.yaml is still checked against its pack, once every file is read.
TEST_CASE("a plan in a file named pack.yaml is checked against the pack beside it", "[plans]") {
  std::string root = make_temp_dir();
  fs::copy(source_dir() + "/examples/crm-sync", root + "/crm-sync", fs::copy_options::recursive);
  fs::rename(root + "/crm-sync/customers/globex.install.yaml", root + "/crm-sync/customers/pack.yaml");
  auto clean = run_ipack({"validate", "--format", "json", root});
  INFO(clean.out << clean.err);
  CHECK(clean.exit_code == 0);
  CHECK(json::parse(clean.out)["summary"]["files"] == 2);
  // Checked against the pack, not merely read: a field the pack does not declare is found.
  std::string plan = read_text(root + "/crm-sync/customers/pack.yaml");
  size_t at = plan.find("field: user");
  REQUIRE(at != std::string::npos);
  write_text(root + "/crm-sync/customers/pack.yaml", plan.replace(at, 11, "field: usr"));
  auto wrong = run_ipack({"validate", "--format", "json", root});
  INFO(wrong.out);
  CHECK(wrong.exit_code == 1);
  auto diagnostics = json::parse(wrong.out)["diagnostics"];
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["rule"] != "plan-pack-mismatch");
  CHECK(diagnostics[0]["message"].get<std::string>().find("usr") != std::string::npos);
}

TEST_CASE("a plan is checked against a bundle only when it verifies", "[plans]") {
  const auto& b = plan_bundles();
  auto ok = run_ipack({"validate", kGlobex, "--pack", b.crm, "--key", b.pub});
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);

  auto wrong_key = run_ipack({"validate", kGlobex, "--pack", b.crm, "--key", b.other});
  CHECK(wrong_key.exit_code == 1);
  CHECK(wrong_key.out.empty());
  CHECK(wrong_key.err.find("does not verify") != std::string::npos);

  std::string tampered = make_temp_dir() + "/crm-sync-2.4.0.ipack";
  std::string bytes = read_text(b.crm);
  bytes[bytes.size() / 2] ^= 0x20;
  write_text(tampered, bytes);
  auto corrupt = run_ipack({"validate", kGlobex, "--pack", tampered, "--key", b.pub});
  CHECK(corrupt.exit_code == 1);
  CHECK(corrupt.err.find("install plans are checked only against a bundle that verifies") != std::string::npos);

  auto build = run_ipack({"build", kGlobex, "--pack", b.crm, "--key", b.other, "-o", make_temp_dir()});
  CHECK(build.exit_code == 1);
  CHECK(build.err.find("does not verify") != std::string::npos);

  std::string out = make_temp_dir();
  auto no_key = run_ipack({"build", kGlobex, "--pack", b.crm, "-o", out});
  CHECK(no_key.exit_code == 2);
  CHECK(no_key.err.find("--key PUB or --keyring DIR") != std::string::npos);
  CHECK(run_ipack({"build", kGlobex, "--pack", b.crm, "--key", b.pub, "--unsigned", "-o", out}).exit_code == 2);
  CHECK(fs::is_empty(out));  // nothing written by a refused build
}

TEST_CASE("plan rules against a bundle: the multi pack's instances, a listener", "[plans]") {
  const auto& b = plan_bundles();
  std::string dir = make_temp_dir();
  std::string plan = read_text(source_dir() + "/" + kGlobex);
  // Receive Order listens: it cannot be scheduled, and the bundle's exports say so.
  plan += "        - process: e7fb3007-9206-4ec3-86bf-1c28c6ab3d09\n          minutes: \"*/5\"\n";
  write_text(dir + "/listener.install.yaml", plan);
  auto r = run_ipack({"validate", dir + "/listener.install.yaml", "--pack", b.crm, "--key", b.pub, "--format", "json"});
  CHECK(r.exit_code == 1);
  auto doc = json::parse(r.out);
  REQUIRE(doc["diagnostics"].size() == 1);
  CHECK(doc["diagnostics"][0]["rule"] == "schedule-target");

  std::string multi = read_text(source_dir() + "/" + kInitech);
  multi.replace(multi.find("name: US Sales"), 14, "name: EU Sales");
  write_text(dir + "/twice.install.yaml", multi);
  auto twice =
      run_ipack({"validate", dir + "/twice.install.yaml", "--pack", b.feeds, "--key", b.pub, "--format", "json"});
  CHECK(twice.exit_code == 1);
  auto t = json::parse(twice.out);
  REQUIRE(t["diagnostics"].size() == 1);
  CHECK(t["diagnostics"][0]["rule"] == "instance-name");
}

TEST_CASE("build of a plan: requests whose bodies match the Platform API's schemas", "[plans]") {
  const auto& b = plan_bundles();
  std::string out = make_temp_dir();
  auto r = run_ipack({"build", kInitech, "--pack", b.feeds, "--key", b.pub, "-o", out});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string said =
      "/initech-contact-feeds.install.json: 11 requests for 2 instance(s) of contact-feeds 1.2.0, 20 placeholders\n";
  CHECK(r.out.rfind("built ", 0) == 0);
  CHECK(r.out.size() > said.size());
  CHECK(r.out.compare(r.out.size() - said.size(), said.size(), said) == 0);
  std::string first = read_text(out + "/initech-contact-feeds.install.json");

  // Reproducible: the same plan and bundle give the same bytes.
  std::string again = make_temp_dir();
  REQUIRE(run_ipack({"build", kInitech, "--pack", b.feeds, "--key", b.pub, "-o", again}).exit_code == 0);
  CHECK(read_text(again + "/initech-contact-feeds.install.json") == first);

  json compiled = json::parse(first);
  CHECK(compiled["format"] == "ipack-install/1");
  std::map<std::string, int> objects;
  for (const auto& req : compiled["requests"]) objects[req["object"].get<std::string>()]++;
  CHECK(objects["IntegrationPackInstance"] == 2);
  CHECK(objects["IntegrationPackEnvironmentAttachment"] == 3);
  CHECK(objects["EnvironmentExtensions"] == 3);
  CHECK(objects["ProcessSchedules"] == 3);
  CHECK(compiled["requests"][0]["body"]["integrationPackOverrideName"] == "EU Sales");
  CHECK(first.find("${secret:env:INITECH_EU_CRM_PASSWORD}") != std::string::npos);
  CHECK(first.find("${secret:file:secrets/initech-us-crm-password}") != std::string::npos);

  fs::path reference = fs::path(source_dir()).parent_path() / "shared/reference/boomi-platform-api.json";
  if (!fs::exists(reference)) {
    WARN("skipped: the Platform API's OpenAPI subset is not at " << reference.string());
    return;
  }
  json openapi = json::parse(read_text(reference.string()));
  for (const auto& req : compiled["requests"]) {
    std::string object = req["object"];
    INFO(object << " " << req["body"].dump());
    CHECK(openapi_errors(openapi, object, req["body"]).empty());
    std::string path = req["path"];
    size_t placeholder = path.find("/${");
    std::string api = placeholder == std::string::npos ? path : path.substr(0, placeholder) + "/{id}";
    CHECK(openapi["paths"].contains(api));
    CHECK(openapi["paths"][api].contains("post"));
  }
  // The check can fail: a misnamed field is refused.
  CHECK_FALSE(openapi_errors(openapi, "ProcessSchedules", {{"processID", "x"}}).empty());
  CHECK_FALSE(openapi_errors(openapi, "ProcessSchedules", {{"Retry", {{"maxRetry", "3"}}}}).empty());
}

TEST_CASE("no output holds a secret's value", "[plans][secrets]") {
  const auto& b = plan_bundles();
  const std::string sentinel = "Sentinel-S3cret-Value-42";
  std::string dir = make_temp_dir();
  fs::create_directories(dir + "/secrets");
  write_text(dir + "/secrets/globex-erp-password", sentinel);
  RunOptions env{dir, "", {{"GLOBEX_CRM_PASSWORD", sentinel}}};
  std::string plan = source_dir() + "/" + kGlobex;
  std::string out = dir + "/out";
  std::vector<ipack::test::RunResult> runs = {
      run_ipack({"validate", plan, "--pack", b.crm, "--key", b.pub}, env),
      run_ipack({"validate", plan, "--pack", b.crm, "--key", b.pub, "--format", "json"}, env),
      run_ipack({"validate", plan, "--pack", b.crm, "--key", b.pub, "--format", "sarif"}, env),
      run_ipack({"build", plan, "--pack", b.crm, "--key", b.pub, "-o", out}, env),
  };
  for (const auto& r : runs) {
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(sentinel) == std::string::npos);
    CHECK(r.err.find(sentinel) == std::string::npos);
  }
  std::string compiled = read_text(out + "/globex-crm-sync.install.json");
  CHECK(compiled.find(sentinel) == std::string::npos);
  CHECK(compiled.find("${secret:env:GLOBEX_CRM_PASSWORD}") != std::string::npos);

  // A literal in a secret field is reported without showing it, in every format.
  std::string literal = read_text(source_dir() + "/examples/invalid/secret-literal/customer.install.yaml");
  REQUIRE(literal.find("hunter2-Globex!") != std::string::npos);
  for (const char* format : {"text", "json", "sarif", "junit", "github"}) {
    auto r = run_ipack({"validate", "--format", format, "--pack", "../../crm-sync", "--color", "never"},
                       RunOptions{source_dir() + "/examples/invalid/secret-literal"});
    INFO(format);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("secret-literal") != std::string::npos);
    CHECK(r.out.find("hunter2") == std::string::npos);
  }
}

TEST_CASE("diff of two plans says what changes for the customer", "[plans]") {
  std::string dir = make_temp_dir();
  std::string plan = read_text(source_dir() + "/" + kInitech);
  std::string changed = plan;
  changed.replace(changed.find("environments: [Production, Test]"), 32, "environments: [Production]");
  changed.replace(changed.find("https://eu.crm.initech.example"), 30, "https://eu2.crm.initech.example");
  changed.replace(changed.find("{ env: INITECH_EU_CRM_PASSWORD }"), 32, "{ env: INITECH_EU_CRM_TOKEN }");
  write_text(dir + "/old.install.yaml", plan);
  write_text(dir + "/new.install.yaml", changed);
  auto r = run_ipack({"diff", dir + "/old.install.yaml", dir + "/new.install.yaml"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "~ instance \"EU Sales\"\n"
        "    changes the connection field (connection 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e, field password): secret "
        "env:INITECH_EU_CRM_PASSWORD → secret env:INITECH_EU_CRM_TOKEN\n"
        "    changes the connection field (connection 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e, field url)'s value\n"
        "~ instance \"US Sales\"\n"
        "    detaches environment Test\n");
  auto same = run_ipack({"diff", dir + "/old.install.yaml", dir + "/old.install.yaml"});
  CHECK(same.out == "no changes\n");
}

TEST_CASE("schedule shows the next run times", "[plans]") {
  auto r = run_ipack({"schedule", "0-59/15", "8-18", "2-6", "--after", "2026-12-05T00:00", "-n", "3"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "minutes=0-59/15 hours=8-18 daysOfWeek=2-6 daysOfMonth=* months=* years=*\n"
        "2026-12-07 08:00 Mon UTC\n"
        "2026-12-07 08:15 Mon UTC\n"
        "2026-12-07 08:30 Mon UTC\n");
  auto bad = run_ipack({"schedule", "0", "25"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.empty());
  CHECK(bad.err == "ipack: error: hours: hours 25 is out of range: hours takes 0-23\n  25\n  ^~\n");
}

TEST_CASE("schema install prints the install plan's JSON Schema", "[plans]") {
  auto r = run_ipack({"schema", "install"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == read_text(source_dir() + "/schemas/install.schema.json"));
}
