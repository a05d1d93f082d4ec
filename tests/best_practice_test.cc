// The best-practice review end to end: a pack shaped like Boomi's public "Extensions CICD" one
// gives exactly what Boomi's own code-quality report lists for it, each at its place in the
// export; the rules are configured and suppressed like every lint rule.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::source_dir;
using ipack::test::write_text;

namespace {

const std::string kPack = "tests/fixtures/extensions-cicd";
const std::string kProcessFile = kPack + "/components/7d2e9a41-3c58-4f0b-a1e6-94b0c2d7f315.xml";
const std::string kQueueConnection = kPack + "/components/1a9f4c7e-62b3-4d85-9e10-c7a3b5f2d864.xml";
const std::string kQueueListen = kPack + "/components/b8e31d05-7f4a-4c29-86d1-2e5a9c0f4b73.xml";

using Finding = std::tuple<std::string, std::string, int, int>;  // rule, file, line, column

std::multiset<Finding> findings_of(const ipack::test::RunResult& r) {
  std::multiset<Finding> out;
  const auto doc = nlohmann::json::parse(r.out);
  for (const auto& d : doc["diagnostics"]) out.emplace(d["rule"], d["file"], d["line"], d["column"]);
  return out;
}

// The column of the first `needle` in the one-line export at `path`, 1-based.
int column_of(const std::string& path, const std::string& needle) {
  std::string text = read_text(source_dir() + "/" + path);
  size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<int>(at) + 1;
}

std::multiset<Finding> expected_review() {
  return {
      {"default-name", kQueueConnection, 1, column_of(kQueueConnection, "name=\"New Atom Queue Connection\"")},
      {"default-name", kQueueListen, 1, column_of(kQueueListen, "name=\"New Atom Queue Connector Operation\"")},
      {"process-description", kProcessFile, 1, column_of(kProcessFile, "<bns:description/>")},
      {"credential-not-extensible", kPack + "/pack.yaml", 17, 18},
      {"listener-general-mode", kProcessFile, 1, column_of(kProcessFile, "workload=\"general\"")},
      {"queue-listener-concurrency", kQueueListen, 1, column_of(kQueueListen, "maxConcurrentExecutions=\"0\"")},
      {"queue-dead-letter", kQueueListen, 1, column_of(kQueueListen, "deadLetterQueue=\"false\"")},
  };
}

}  // namespace

TEST_CASE("an Extensions CICD pack gives exactly what Boomi's code-quality report lists, each at its place",
          "[best-practice]") {
  auto r = run_ipack({"validate", "--format", "json", kPack});
  CHECK(r.exit_code == 0);  // warnings
  CHECK(r.err.empty());
  CHECK(findings_of(r) == expected_review());
  const auto doc = nlohmann::json::parse(r.out);
  for (const auto& d : doc["diagnostics"])
    if (d["rule"] == "credential-not-extensible")
      CHECK(std::string(d["message"]).find("its url, user and password") != std::string::npos);
  CHECK(run_ipack({"validate", "--strict", kPack}).exit_code == 1);
}

TEST_CASE("best-practice rules are configured and suppressed like other lint rules", "[best-practice]") {
  std::string root = make_temp_dir();
  fs::copy(source_dir() + "/" + kPack, root + "/pack", fs::copy_options::recursive);
  write_text(root + "/.ipack.yaml",
             "apiVersion: ipack/v1\nkind: Config\nrules:\n  default-name: \"off\"\n  queue-dead-letter: error\n"
             "suppress:\n  - rule: listener-general-mode\n    component: 7d2e9a41-3c58-4f0b-a1e6-94b0c2d7f315\n"
             "    reason: this listener runs long jobs\n");
  auto r = run_ipack({"validate", "--format", "json", "pack"}, {root});
  CHECK(r.exit_code == 1);
  std::multiset<std::string> rules;
  const auto doc = nlohmann::json::parse(r.out);
  for (const auto& d : doc["diagnostics"]) {
    rules.insert(d["rule"]);
    if (d["rule"] == "queue-dead-letter") CHECK(d["severity"] == "error");
  }
  CHECK(rules == std::multiset<std::string>{"process-description", "credential-not-extensible",
                                            "queue-listener-concurrency", "queue-dead-letter"});
}

TEST_CASE("a SonarQube XPath profile loaded through .ipack.yaml gives the same findings under its keys",
          "[best-practice][xpath]") {
  auto r = run_ipack({"validate", "--format", "json", "--config", "tests/fixtures/review-profile/ipack.yaml", kPack});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  const std::map<std::string, std::string> key_of = {
      {"default-name", "Default_Component_Name"},        {"process-description", "Process_Has_Description"},
      {"listener-general-mode", "Listener_Low_Latency"}, {"queue-listener-concurrency", "Queue_Listener_Concurrency"},
      {"queue-dead-letter", "Queue_Dead_Letter"},
  };
  std::multiset<Finding> built_in_as_keys, profile, credentials;
  for (const auto& [rule, file, line, column] : expected_review())
    if (key_of.count(rule)) built_in_as_keys.emplace(key_of.at(rule), file, line, column);
  for (const auto& f : findings_of(r)) {
    const std::string& rule = std::get<0>(f);
    if (rule.find("Connection_") == 0)
      credentials.insert(f);
    else if (std::isupper(static_cast<unsigned char>(rule[0])))
      profile.insert(f);
  }
  CHECK(profile == built_in_as_keys);
  // credential-not-extensible names the Warehouse connection's url, user and password: the profile
  // finds each at its field in the process's ConnectionOverride (and, not knowing which connection
  // sets a value, the unset user and password of the carrier's connection too).
  std::string process = read_text(source_dir() + "/" + kProcessFile);
  size_t warehouse = process.find("<ConnectionOverride id=\"92c5f1d8-4a7e-4b03-b9d6-1e8a2c4f7053\"");
  REQUIRE(warehouse != std::string::npos);
  for (const auto& [key, field] : std::map<std::string, std::string>{{"Connection_URL_Extensible", "url"},
                                                                     {"Connection_User_Extensible", "user"},
                                                                     {"Connection_Password_Extensible", "password"}}) {
    int column = static_cast<int>(process.find("<field id=\"" + field + "\"", warehouse)) + 1;
    CHECK(credentials.count({key, kProcessFile, 1, column}) == 1);
  }
}

TEST_CASE("xpathRules entries report at the matched node, and a bad XPath is a config finding at its place",
          "[best-practice][xpath]") {
  std::string root = make_temp_dir();
  fs::copy(source_dir() + "/" + kPack, root + "/pack", fs::copy_options::recursive);
  write_text(
      root + "/.ipack.yaml",
      "apiVersion: ipack/v1\nkind: Config\nxpathRules:\n"
      "  - id: queue-connection-name\n    severity: error\n    message: name queue connections after their queue\n"
      "    xpath: /bns:Component[bns:object/QueueSettings]/@name\n    types: [connector-settings]\n"
      "  - id: shapes-of-listeners\n    severity: warning\n    message: a shape\n"
      "    xpath: //shape[@shapetype = 'stop']\n    types: [connector-settings]\n");
  auto r = run_ipack({"validate", "--format", "json", "pack"}, {root});
  CHECK(r.exit_code == 1);
  std::multiset<Finding> custom;
  for (const auto& f : findings_of(r))
    if (std::get<0>(f) == "queue-connection-name" || std::get<0>(f) == "shapes-of-listeners") custom.insert(f);
  CHECK(custom ==
        std::multiset<Finding>{{"queue-connection-name", "pack/components/1a9f4c7e-62b3-4d85-9e10-c7a3b5f2d864.xml", 1,
                                column_of(kQueueConnection, "name=")}});

  // rules: and suppress: take an XPath rule's id like a lint rule's.
  write_text(
      root + "/.ipack.yaml",
      "apiVersion: ipack/v1\nkind: Config\nrules:\n  queue-connection-name: warning\n  shapes: \"off\"\n"
      "suppress:\n  - rule: queue-connection-name\n    component: 1a9f4c7e-62b3-4d85-9e10-c7a3b5f2d864\n"
      "    reason: named by the platform\nxpathRules:\n"
      "  - id: queue-connection-name\n    severity: error\n    message: name queue connections after their queue\n"
      "    xpath: /bns:Component[bns:object/QueueSettings]/@name\n"
      "  - id: shapes\n    severity: error\n    message: a shape\n    xpath: //shape\n");
  auto configured = run_ipack({"validate", "--format", "json", "pack"}, {root});
  CHECK(configured.exit_code == 0);
  for (const auto& f : findings_of(configured)) {
    CHECK(std::get<0>(f) != "queue-connection-name");
    CHECK(std::get<0>(f) != "shapes");
    CHECK(std::get<0>(f) != "schema");
    CHECK(std::get<0>(f) != "unused-suppression");
  }

  write_text(root + "/.ipack.yaml",
             "apiVersion: ipack/v1\nkind: Config\nxpathRules:\n"
             "  - id: broken\n    severity: warning\n    message: m\n    xpath: /bns:Component[@name\n"
             "  - id: default-name\n    severity: warning\n    message: m\n    xpath: /bns:Component\n");
  auto bad = run_ipack({"validate", "--format", "json", "pack"}, {root});
  CHECK(bad.exit_code == 1);
  std::multiset<Finding> config;
  for (const auto& f : findings_of(bad))
    if (std::get<1>(f) == ".ipack.yaml") config.insert(f);
  CHECK(config == std::multiset<Finding>{{"schema", ".ipack.yaml", 7, 12}, {"schema", ".ipack.yaml", 8, 9}});
}

TEST_CASE("an expensive XPath rule on a large export is stopped at its deadline and says so",
          "[best-practice][xpath]") {
  std::string root = make_temp_dir();
  fs::copy(source_dir() + "/" + kPack, root + "/pack", fs::copy_options::recursive);
  std::string big =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><bns:Component xmlns:bns=\"http://api.platform.boomi.com/\" "
      "componentId=\"aa11bb22-cc33-4d44-8e55-ff6677889900\" version=\"1\" name=\"Big Profile\" type=\"profile.xml\">"
      "<bns:encryptedValues/><bns:description/><bns:object><XMLProfile xmlns=\"\">";
  for (int i = 0; i < 4000; ++i) big += "<e/>";
  big += "</XMLProfile></bns:object></bns:Component>";
  write_text(root + "/pack/components/big.xml", big);
  write_text(root + "/.ipack.yaml",
             "apiVersion: ipack/v1\nkind: Config\nrules:\n  unused-component: \"off\"\nxpathRules:\n"
             "  - id: expensive\n    severity: warning\n    message: m\n"
             "    xpath: //*[count(//*[count(//*) > 1]) > 1]\n    types: [profile.xml]\n");
  auto started = std::chrono::steady_clock::now();
  auto r = run_ipack({"validate", "--format", "json", "pack"}, {root});
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(seconds < 15);
  CHECK(r.exit_code == 0);  // a warning; the abandoned evaluation does not keep the process alive
  CHECK(r.err.empty());
  const auto doc = nlohmann::json::parse(r.out);
  int cut = 0;
  for (const auto& d : doc["diagnostics"])
    if (d["rule"] == "expensive") {
      ++cut;
      CHECK(d["file"] == "pack/components/big.xml");
      CHECK(std::string(d["message"]).find("did not finish on this export within 2000 ms") != std::string::npos);
    }
  CHECK(cut == 1);
}

TEST_CASE("XPath rules are in every format, in SARIF's rule list and in ipack rules", "[best-practice][xpath]") {
  const std::string config = "tests/fixtures/review-profile/ipack.yaml";
  auto sarif = run_ipack({"validate", "--format", "sarif", "--config", config, kPack});
  CHECK(sarif.exit_code == 0);
  const auto log = nlohmann::json::parse(sarif.out);
  const auto& run = log["runs"][0];
  std::vector<std::string> ids;
  for (const auto& r : run["tool"]["driver"]["rules"]) ids.push_back(r["id"]);
  for (const auto& result : run["results"]) {
    auto at = std::find(ids.begin(), ids.end(), std::string(result["ruleId"]));
    REQUIRE(at != ids.end());
    CHECK(result["ruleIndex"] == at - ids.begin());
  }
  CHECK(std::count(ids.begin(), ids.end(), "Queue_Dead_Letter") == 1);
  CHECK(std::count(ids.begin(), ids.end(), "queue-dead-letter") == 1);
  for (const char* format : {"text", "github", "junit"}) {
    auto r = run_ipack({"validate", "--format", format, "--config", config, kPack});
    CHECK(r.out.find("Queue_Dead_Letter") != std::string::npos);
  }

  auto listed = run_ipack({"rules", "--config", config});
  CHECK(listed.exit_code == 0);
  CHECK(listed.out.find("Listener_Low_Latency") != std::string::npos);
  CHECK(listed.out.find("listener-general-mode") != std::string::npos);
  auto json = run_ipack({"rules", "--format", "json", "--config", config});
  const auto rules = nlohmann::json::parse(json.out);
  bool found = false;
  for (const auto& r : rules)
    if (r["id"] == "Queue_Dead_Letter") found = r["group"] == "xpath" && r["severity"] == "warning";
  CHECK(found);
}

TEST_CASE("ipack explain prints an XPath rule of the config looked up", "[best-practice][xpath]") {
  std::string root = make_temp_dir();
  write_text(root + "/.ipack.yaml",
             "apiVersion: ipack/v1\nkind: Config\nxpathRules:\n  - id: queue-connection-name\n    severity: error\n"
             "    message: name queue connections after their queue\n"
             "    xpath: /bns:Component[bns:object/QueueSettings]/@name\n    types: [connector-settings]\n");
  auto r = run_ipack({"explain", "queue-connection-name"}, {root});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("## `queue-connection-name`\n**Severity:** error · **Group:** xpath") == 0);
  CHECK(r.out.find("/bns:Component[bns:object/QueueSettings]/@name") != std::string::npos);
  CHECK(r.out.find("of type connector-settings") != std::string::npos);
  auto near = run_ipack({"explain", "queue-connection-nam"}, {root});
  CHECK(near.exit_code == 2);
  CHECK(near.err.find("did you mean \"queue-connection-name\"") != std::string::npos);
}
