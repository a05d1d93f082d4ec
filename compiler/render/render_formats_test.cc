// The SARIF, JUnit and GitHub renderers.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "base/project_links.h"
#include "render/render.h"

namespace ipack {
namespace {

Diagnostic finding(std::string file, int line, int column, std::string rule = "schema",
                   Severity severity = Severity::Error) {
  Diagnostic d;
  d.rule = std::move(rule);
  d.severity = severity;
  d.file = std::move(file);
  d.line = line;
  d.column = column;
  d.message = "packageVersion must be a string";
  d.pointer = "/spec/packages/0/packageVersion";
  return d;
}

Diagnostic with_end(Diagnostic d, int end_line, int end_column) {
  d.end_line = end_line;
  d.end_column = end_column;
  return d;
}

Diagnostic with_chain(Diagnostic d) {
  d.rule = "process-route-in-closure";
  d.chain = {{"8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b", "process", "Sync Orders", "components/sync.xml", 2},
             {"5e6f0000-0000-4000-8000-000000000000", "Process Route step", "", "components/sync.xml", 40}};
  return d;
}

std::vector<RuleDescription> rule_table() {
  return {{"schema", Severity::Error, "input", "a JSON Schema violation", "The manifest does not match.",
           "https://example.test/rules.md#schema"},
          {"process-route-in-closure", Severity::Error, "platform", "a Process Route in the closure", "",
           "https://example.test/rules.md#process-route-in-closure"},
          {"unused-component", Severity::Warning, "components", "an export that no package reaches", "Unused.",
           "https://example.test/rules.md#unused-component"}};
}

const SarifRun kRun{"/srv/my pack", 1};

nlohmann::json sarif(const std::vector<Diagnostic>& ds, const SarifRun& run = kRun) {
  return nlohmann::json::parse(render_sarif(ds, rule_table(), run));
}

}  // namespace

// SARIF

TEST_CASE("sarif: one 2.1.0 run whose driver lists every rule of the table", "[render][sarif]") {
  auto log = sarif({});
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const auto& driver = log["runs"][0]["tool"]["driver"];
  CHECK(driver["name"] == "ipack");
  CHECK(driver["informationUri"] == std::string(kProjectUri));
  CHECK(driver["semanticVersion"] == driver["version"]);
  REQUIRE(driver["rules"].size() == 3);
  const auto& route = driver["rules"][1];
  CHECK(route["id"] == "process-route-in-closure");
  CHECK(route["name"] == "ProcessRouteInClosure");
  CHECK(route["shortDescription"]["text"] == "a Process Route in the closure");
  CHECK(route["fullDescription"]["text"] == "a Process Route in the closure");  // no paragraph: the summary
  CHECK(route["helpUri"] == "https://example.test/rules.md#process-route-in-closure");
  CHECK(route["help"]["text"].get<std::string>().find(route["helpUri"].get<std::string>()) != std::string::npos);
  CHECK(route["defaultConfiguration"]["level"] == "error");
  CHECK(route["properties"]["tags"] == nlohmann::json::array({"platform"}));
  CHECK(driver["rules"][2]["defaultConfiguration"]["level"] == "warning");
  // A name that would only repeat the id is left out (SARIF 3.49.7).
  CHECK_FALSE(driver["rules"][0].contains("name"));
  CHECK(driver["rules"][0]["fullDescription"]["text"] == "The manifest does not match.");
  CHECK(log["runs"][0]["results"] == nlohmann::json::array());
}

TEST_CASE("sarif: a result's rule, level, message, location and region", "[render][sarif]") {
  auto log = sarif({with_end(finding("pack.yaml", 2, 18), 2, 21),
                    finding("components/a.xml", 3, 1, "unused-component", Severity::Warning)});
  const auto& results = log["runs"][0]["results"];
  REQUIRE(results.size() == 2);
  CHECK(results[0]["ruleId"] == "schema");
  CHECK(results[0]["ruleIndex"] == 0);
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["message"]["text"] == "packageVersion must be a string");
  const auto& physical = results[0]["locations"][0]["physicalLocation"];
  CHECK(physical["artifactLocation"] == nlohmann::json({{"uri", "pack.yaml"}, {"uriBaseId", "%SRCROOT%"}}));
  CHECK(physical["region"] ==
        nlohmann::json({{"startLine", 2}, {"startColumn", 18}, {"endLine", 2}, {"endColumn", 21}}));
  CHECK(results[1]["ruleIndex"] == 2);
  CHECK(results[1]["level"] == "warning");
  CHECK(results[1]["locations"][0]["physicalLocation"]["region"] ==
        nlohmann::json({{"startLine", 3}, {"startColumn", 1}}));
  CHECK_FALSE(results[1].contains("relatedLocations"));
  CHECK(log["runs"][0]["columnKind"] == "unicodeCodePoints");
}

TEST_CASE("sarif: the run's exit code and source root", "[render][sarif]") {
  auto log = sarif({}, SarifRun{"/srv/my pack", 3});
  CHECK(log["runs"][0]["invocations"] == nlohmann::json::parse(R"([{"executionSuccessful": true, "exitCode": 3}])"));
  CHECK(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/my%20pack/");
  CHECK(sarif({}, SarifRun{"/", 0})["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///");
}

TEST_CASE("sarif: paths become relative URIs, percent-encoded; outside the root, file URIs", "[render][sarif]") {
  auto uri_of = [](const std::string& file) {
    return sarif(
        {finding(file, 1, 1)})["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  };
  CHECK(uri_of("my packs/ü#1%.yaml") ==
        nlohmann::json({{"uri", "my%20packs/%C3%BC%231%25.yaml"}, {"uriBaseId", "%SRCROOT%"}}));
  CHECK(uri_of("a:b/pack.yaml")["uri"] == "a%3Ab/pack.yaml");
  CHECK(uri_of("<stdin>")["uri"] == "%3Cstdin%3E");
  CHECK(uri_of("../.ipack.yaml") == nlohmann::json({{"uri", "file:///srv/.ipack.yaml"}}));
  CHECK(uri_of("/abs/pack.yaml") == nlohmann::json({{"uri", "file:///abs/pack.yaml"}}));
}

TEST_CASE("sarif: fingerprints are SHA-256 of rule, file, pointer and message, not of the line", "[render][sarif]") {
  auto print_of = [](const Diagnostic& d) {
    return sarif({d})["runs"][0]["results"][0]["partialFingerprints"]["ipack/v1"].get<std::string>();
  };
  std::string base = print_of(finding("pack.yaml", 2, 18));
  // printf 'schema\0pack.yaml\0/spec/packages/0/packageVersion\0packageVersion must be a string' | sha256sum
  CHECK(base == "096abfd47188e60272ef68ad5af38fb74111614f92a1d47ca1ac53684f5d5714");
  CHECK(print_of(finding("pack.yaml", 9, 3)) == base);
  Diagnostic other = finding("pack.yaml", 2, 18);
  other.message += ".";
  CHECK(print_of(other) != base);
  CHECK(print_of(finding("other.yaml", 2, 18)) != base);
}

TEST_CASE("sarif: a chain gives related locations and a code flow, one a hop", "[render][sarif]") {
  auto result = sarif({with_chain(finding("pack.yaml", 18, 18))})["runs"][0]["results"][0];
  CHECK(result["ruleIndex"] == 1);
  const auto& related = result["relatedLocations"];
  REQUIRE(related.size() == 2);
  CHECK(related[0]["id"] == 0);
  CHECK(related[0]["message"]["text"] == "process \"Sync Orders\" (8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b)");
  CHECK(related[0]["physicalLocation"]["artifactLocation"]["uri"] == "components/sync.xml");
  CHECK(related[0]["physicalLocation"]["region"]["startLine"] == 2);
  CHECK(related[1]["message"]["text"] == "Process Route step (5e6f0000-0000-4000-8000-000000000000)");
  CHECK(related[1]["physicalLocation"]["region"]["startLine"] == 40);
  const auto& flow = result["codeFlows"][0]["threadFlows"][0]["locations"];
  REQUIRE(flow.size() == 2);
  CHECK(flow[1]["location"]["physicalLocation"] == related[1]["physicalLocation"]);
}

TEST_CASE("sarif: same input, same bytes; bytes that are not UTF-8 are replaced", "[render][sarif]") {
  std::vector<Diagnostic> ds = {with_chain(finding("pack.yaml", 18, 18)), finding("b.yaml", 1, 1)};
  CHECK(render_sarif(ds, rule_table(), kRun) == render_sarif(ds, rule_table(), kRun));
  Diagnostic broken = finding("pack.yaml", 1, 1);
  broken.message = "bad \xff byte";
  auto log = sarif({broken});
  CHECK(log["runs"][0]["results"][0]["message"]["text"] == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("sarif: a finding of a rule outside the table has no ruleIndex", "[render][sarif]") {
  auto result = sarif({finding("pack.yaml", 1, 1, "made-up")})["runs"][0]["results"][0];
  CHECK(result["ruleId"] == "made-up");
  CHECK_FALSE(result.contains("ruleIndex"));
}

// JUnit

namespace {
pugi::xml_document parsed(const std::string& xml) {
  pugi::xml_document doc;
  auto result = doc.load_string(xml.c_str());
  INFO(xml);
  REQUIRE(result);
  return doc;
}
}  // namespace

TEST_CASE("junit: a suite per file, a case per (file, rule), a failure per finding", "[render][junit]") {
  Diagnostic warning = finding("pack.yaml", 5, 3, "unused-component", Severity::Warning);
  std::string xml =
      render_junit({finding("a.yaml", 1, 1), finding("pack.yaml", 2, 18), finding("pack.yaml", 4, 7), warning},
                   {".ipack.yaml", "a.yaml", "pack.yaml"});
  auto doc = parsed(xml);
  auto root = doc.child("testsuites");
  CHECK(std::string(root.attribute("name").value()) == "ipack");
  CHECK(root.attribute("tests").as_int() == 4);
  CHECK(root.attribute("failures").as_int() == 3);
  std::vector<std::string> suites;
  for (auto s : root.children("testsuite")) suites.push_back(s.attribute("name").value());
  CHECK(suites == std::vector<std::string>{".ipack.yaml", "a.yaml", "pack.yaml"});

  auto clean = root.find_child_by_attribute("testsuite", "name", ".ipack.yaml");
  CHECK(clean.attribute("tests").as_int() == 1);
  CHECK(clean.attribute("failures").as_int() == 0);
  CHECK(std::string(clean.child("testcase").attribute("name").value()) == "ipack");
  CHECK(std::string(clean.child("testcase").attribute("classname").value()) == ".ipack.yaml");
  CHECK_FALSE(clean.child("testcase").child("failure"));

  auto pack = root.find_child_by_attribute("testsuite", "name", "pack.yaml");
  CHECK(pack.attribute("tests").as_int() == 2);
  CHECK(pack.attribute("failures").as_int() == 2);
  auto schema = pack.find_child_by_attribute("testcase", "name", "schema");
  CHECK(std::string(schema.attribute("classname").value()) == "pack.yaml");
  std::vector<std::string> texts;
  for (auto f : schema.children("failure")) {
    CHECK(std::string(f.attribute("type").value()) == "error");
    CHECK(std::string(f.attribute("message").value()) == "packageVersion must be a string");
    texts.push_back(f.text().get());
  }
  CHECK(texts ==
        std::vector<std::string>{"2:18 packageVersion must be a string", "4:7 packageVersion must be a string"});
  auto unused = pack.find_child_by_attribute("testcase", "name", "unused-component");
  CHECK(std::string(unused.child("failure").attribute("type").value()) == "warning");
}

TEST_CASE("junit: a file with findings that was not checked itself (an export) gets its suite", "[render][junit]") {
  auto doc = parsed(render_junit({finding("components/a.xml", 2, 1, "unused-component")}, {"pack.yaml"}));
  CHECK(doc.child("testsuites").find_child_by_attribute("testsuite", "name", "components/a.xml"));
  CHECK(doc.child("testsuites").attribute("tests").as_int() == 2);
}

TEST_CASE("junit: markup, quotes, line breaks and non-ASCII are escaped and read back", "[render][junit]") {
  Diagnostic d = finding("dir/<a&b>\".yaml", 3, 4);
  d.message = "expected <string> & \"quoted\" 'value' — é ⇄ ü\nsecond line";
  std::string xml = render_junit({d}, {});
  CHECK(xml.find("message=\"expected &lt;string> &amp; &quot;quoted&quot; 'value' — é ⇄ ü&#10;second line\"") !=
        std::string::npos);
  CHECK(xml.find(">3:4 expected &lt;string&gt; &amp; \"quoted\"") != std::string::npos);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  auto doc = parsed(xml);
  auto failure = doc.child("testsuites").child("testsuite").child("testcase").child("failure");
  CHECK(std::string(doc.child("testsuites").child("testsuite").attribute("name").value()) == d.file);
  CHECK(std::string(failure.attribute("message").value()) == d.message);
  CHECK(std::string(failure.text().get()) == "3:4 " + d.message);
}

TEST_CASE("junit: characters XML cannot hold become U+FFFD, so the document still parses", "[render][junit]") {
  Diagnostic d = finding("pack.yaml", 1, 1);
  d.message = std::string("nul \0 bell \a bad \xff", 18);
  auto doc = parsed(render_junit({d}, {}));
  auto failure = doc.child("testsuites").child("testsuite").child("testcase").child("failure");
  CHECK(std::string(failure.attribute("message").value()) == "nul \xEF\xBF\xBD bell \xEF\xBF\xBD bad \xEF\xBF\xBD");
}

TEST_CASE("junit: a chain follows the message, one hop a line", "[render][junit]") {
  auto doc = parsed(render_junit({with_chain(finding("pack.yaml", 18, 18))}, {}));
  auto failure = doc.child("testsuites").child("testsuite").child("testcase").child("failure");
  CHECK(std::string(failure.text().get()) ==
        "18:18 packageVersion must be a string\n"
        "  process \"Sync Orders\" (8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b) components/sync.xml:2\n"
        "  → Process Route step (5e6f0000-0000-4000-8000-000000000000) components/sync.xml:40");
}

TEST_CASE("junit: no file, no finding: an empty testsuites", "[render][junit]") {
  auto doc = parsed(render_junit({}, {}));
  CHECK(doc.child("testsuites").attribute("tests").as_int() == 0);
  CHECK_FALSE(doc.child("testsuites").child("testsuite"));
}

// GitHub

TEST_CASE("github: one command a finding, endColumn only when known", "[render][github]") {
  CHECK(render_github({with_end(finding("pack.yaml", 2, 18), 2, 21),
                       finding("components/a.xml", 3, 1, "unused-component", Severity::Warning)}) ==
        "::error file=pack.yaml,line=2,col=18,endColumn=21,title=schema::packageVersion must be a string\n"
        "::warning file=components/a.xml,line=3,col=1,title=unused-component::packageVersion must be a string\n");
  CHECK(render_github({}) == "");
}

TEST_CASE("github: an end on a later line gives endLine too", "[render][github]") {
  CHECK(render_github({with_end(finding("pack.yaml", 2, 18), 4, 3)}) ==
        "::error file=pack.yaml,line=2,col=18,endLine=4,endColumn=3,title=schema::packageVersion must be a string\n");
}

TEST_CASE("github: the runner's escaping, in the message and in properties", "[render][github]") {
  Diagnostic d = finding("a,b:c%.yaml", 1, 1);
  d.message = "100% sure:\r\nnext, line";
  CHECK(render_github({d}) ==
        "::error file=a%2Cb%3Ac%25.yaml,line=1,col=1,title=schema::100%25 sure:%0D%0Anext, line\n");
}

TEST_CASE("github: a chain is appended to the message, escaped", "[render][github]") {
  CHECK(render_github({with_chain(finding("pack.yaml", 18, 18))}) ==
        "::error file=pack.yaml,line=18,col=18,title=process-route-in-closure::packageVersion must be a string"
        "%0A  process \"Sync Orders\" (8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b) components/sync.xml:2"
        "%0A  → Process Route step (5e6f0000-0000-4000-8000-000000000000) components/sync.xml:40\n");
}

}  // namespace ipack
