// `ipack validate --format sarif|junit|github` end to end: the same exit codes as text, the
// findings on standard output only, and documents that say what docs/output-formats.md says they do.
#include <algorithm>
#include <filesystem>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "rules/rule_registry.h"
#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::source_dir;

namespace {

const std::vector<std::string> kFormats = {"sarif", "junit", "github"};

// Fixtures run from their own folder, as the golden tests do.
std::string fixture(const std::string& name) { return source_dir() + "/examples/invalid/" + name; }

}  // namespace

TEST_CASE("formats: exit codes are those of text output", "[formats]") {
  struct Case {
    std::string cwd;
    std::vector<std::string> extra;
    int exit_code;
    bool findings;
  };
  std::vector<Case> cases = {{source_dir() + "/examples/crm-sync", {}, 0, false},
                             {fixture("schema"), {}, 1, true},
                             {fixture("unused-component"), {}, 0, true},  // a warning
                             {fixture("unused-component"), {"--strict"}, 1, true}};
  for (const auto& c : cases) {
    for (const auto& format : kFormats) {
      DYNAMIC_SECTION(c.cwd << " " << format << (c.extra.empty() ? "" : " --strict")) {
        std::vector<std::string> args = {"validate", "--format", format};
        args.insert(args.end(), c.extra.begin(), c.extra.end());
        auto r = run_ipack(args, {c.cwd});
        CHECK(r.exit_code == c.exit_code);
        CHECK(r.err.empty());
        CHECK(r.out.empty() == (format == "github" && !c.findings));  // github has no summary
        std::vector<std::string> text_args = {"validate", "--color", "never"};
        text_args.insert(text_args.end(), c.extra.begin(), c.extra.end());
        CHECK(run_ipack(text_args, {c.cwd}).exit_code == c.exit_code);
      }
    }
  }
}

TEST_CASE("formats: -q and --color do not change them", "[formats]") {
  for (const auto& format : kFormats) {
    DYNAMIC_SECTION(format) {
      auto plain = run_ipack({"validate", "--format", format}, {fixture("schema")});
      auto flagged = run_ipack({"validate", "--format", format, "-q", "--color", "always"}, {fixture("schema")});
      CHECK(flagged.exit_code == plain.exit_code);
      CHECK(flagged.out == plain.out);
      CHECK(flagged.out.find('\033') == std::string::npos);
    }
  }
}

TEST_CASE("formats: -o writes the document, standard output stays empty", "[formats]") {
  std::string dir = make_temp_dir();
  for (const auto& format : kFormats) {
    DYNAMIC_SECTION(format) {
      std::string out = dir + "/findings." + format;
      auto r = run_ipack({"validate", "--format", format, "-o", out}, {fixture("schema")});
      CHECK(r.exit_code == 1);
      CHECK(r.out.empty());
      CHECK(r.err.empty());
      auto direct = run_ipack({"validate", "--format", format}, {fixture("schema")});
      CHECK(read_text(out) == direct.out);
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("formats: the same bytes whatever --jobs is", "[formats]") {
  for (const auto& format : kFormats) {
    DYNAMIC_SECTION(format) {
      auto one = run_ipack({"validate", "--format", format, "--jobs", "1", "examples"});
      auto two = run_ipack({"validate", "--format", format, "--jobs", "2", "examples"});
      CHECK(one.exit_code == 1);
      CHECK(one.out == two.out);
      CHECK(one.out == run_ipack({"validate", "--format", format, "--jobs", "2", "examples"}).out);
    }
  }
}

TEST_CASE("sarif: every rule, the findings' counts and the exit code", "[formats][sarif]") {
  auto r = run_ipack({"validate", "--format", "sarif", "--jobs", "2", "examples"});
  REQUIRE(r.exit_code == 1);
  auto log = nlohmann::json::parse(r.out);
  auto json = nlohmann::json::parse(run_ipack({"validate", "--format", "json", "examples"}).out);
  const auto& run = log["runs"][0];

  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == ipack::all_rules().size());
  for (size_t i = 0; i < rules.size(); ++i) {
    CHECK(rules[i]["id"] == ipack::all_rules()[i]->id);
    CHECK(rules[i]["helpUri"].get<std::string>().find("docs/rules.md#" + std::string(ipack::all_rules()[i]->id)) !=
          std::string::npos);
  }

  const auto& results = run["results"];
  REQUIRE(results.size() == json["diagnostics"].size());
  int errors = 0, warnings = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& d = json["diagnostics"][i];
    const auto& result = results[i];
    CHECK(result["ruleId"] == d["rule"]);
    CHECK(rules[result["ruleIndex"].get<size_t>()]["id"] == d["rule"]);
    CHECK(result["level"] == d["severity"]);
    CHECK(result["message"]["text"] == d["message"]);
    const auto& location = result["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(location["region"]["startLine"] == d["line"]);
    CHECK(result["partialFingerprints"]["ipack/v1"].get<std::string>().size() == 64);
    (result["level"] == "error" ? errors : warnings)++;
  }
  CHECK(errors == json["summary"]["errors"]);
  CHECK(warnings == json["summary"]["warnings"]);
  CHECK(run["invocations"][0]["exitCode"] == 1);
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
  std::string root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
  CHECK(root.rfind("file:///", 0) == 0);
  CHECK(root.back() == '/');
}

TEST_CASE("sarif: a valid pack has no result and exit code 0", "[formats][sarif]") {
  auto r = run_ipack({"validate", "--format", "sarif"}, {source_dir() + "/examples/crm-sync"});
  CHECK(r.exit_code == 0);
  auto log = nlohmann::json::parse(r.out);
  CHECK(log["runs"][0]["results"].empty());
  CHECK(log["runs"][0]["invocations"][0]["exitCode"] == 0);
  CHECK(log["runs"][0]["tool"]["driver"]["rules"].size() == ipack::all_rules().size());
}

TEST_CASE("sarif: a chain gives related locations in the exports", "[formats][sarif]") {
  auto r = run_ipack({"validate", "--format", "sarif"}, {fixture("process-route-in-closure")});
  CHECK(r.exit_code == 1);
  auto result = nlohmann::json::parse(r.out)["runs"][0]["results"][0];
  CHECK(result["ruleId"] == "process-route-in-closure");
  const auto& related = result["relatedLocations"];
  REQUIRE(related.size() == 3);
  CHECK(related[0]["message"]["text"] == "process \"Sync Orders\" (b7e4c2a9-6d15-4f38-9a2c-71e0d5f3a8b4)");
  CHECK(related[2]["physicalLocation"]["artifactLocation"]["uri"] == "components/processes/route-orders.xml");
  CHECK(related[2]["physicalLocation"]["region"]["startLine"] == 18);
  CHECK(result["codeFlows"][0]["threadFlows"][0]["locations"].size() == 3);
}

TEST_CASE("junit: a well-formed document with a suite per file", "[formats][junit]") {
  auto r = run_ipack({"validate", "--format", "junit"}, {fixture("unused-component")});
  CHECK(r.exit_code == 0);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(r.out.c_str()));
  auto root = doc.child("testsuites");
  CHECK(root.attribute("tests").as_int() == 3);
  CHECK(root.attribute("failures").as_int() == 1);
  auto suite = root.find_child_by_attribute("testsuite", "name", "components/operations/acme-crm-get-accounts.xml");
  REQUIRE(suite);
  auto failure = suite.find_child_by_attribute("testcase", "name", "unused-component").child("failure");
  CHECK(std::string(failure.attribute("type").value()) == "warning");
  CHECK(std::string(failure.text().get()).rfind("2:1 ", 0) == 0);
  CHECK(root.find_child_by_attribute("testsuite", "name", "pack.yaml").child("testcase").attribute("name").value() ==
        std::string("ipack"));
}

TEST_CASE("github: one workflow command a finding, no summary", "[formats][github]") {
  auto r = run_ipack({"validate", "--format", "github"}, {fixture("schema")});
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  auto json = nlohmann::json::parse(run_ipack({"validate", "--format", "json"}, {fixture("schema")}).out);
  size_t lines = 0;
  for (size_t at = 0; (at = r.out.find('\n', at)) != std::string::npos; ++at) ++lines;
  CHECK(lines == json["diagnostics"].size());
  const auto& d = json["diagnostics"][0];
  CHECK(r.out.rfind("::error file=" + d["file"].get<std::string>() + ",line=" + std::to_string(d["line"].get<int>()) +
                        ",col=" + std::to_string(d["column"].get<int>()),
                    0) == 0);
  CHECK(r.out.find(",title=schema::") != std::string::npos);
  CHECK(r.out.find("error in") == std::string::npos);
}

TEST_CASE("github: a chain is on the same line, its breaks escaped", "[formats][github]") {
  auto r = run_ipack({"validate", "--format", "github"}, {fixture("process-route-in-closure")});
  CHECK(r.exit_code == 1);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
  CHECK(r.out.find("%0A  → process \"Route Orders\"") != std::string::npos);
}

namespace {
// The first ```LANGUAGE block after the heading "## `heading`" of `doc`.
std::string block_after(const std::string& doc, const std::string& heading, const std::string& language) {
  size_t at = doc.find("\n## `" + heading + "`\n");
  if (at == std::string::npos) return "";
  std::string fence = "\n```" + language + "\n";
  size_t start = doc.find(fence, at);
  if (start == std::string::npos) return "";
  start += fence.size();
  size_t end = doc.find("```\n", start);
  return end == std::string::npos ? "" : doc.substr(start, end - start);
}
}  // namespace

TEST_CASE("docs/output-formats.md shows the tool's real output", "[formats][docs]") {
  const std::string doc = read_text(source_dir() + "/docs/output-formats.md");
  auto output = [](const std::string& format) {
    auto r = run_ipack({"validate", "--format", format, "--color", "never"}, {fixture("process-route-in-closure")});
    CHECK(r.exit_code == 1);
    return r.out;
  };
  CHECK(block_after(doc, "text", "text") == output("text"));
  CHECK(block_after(doc, "junit", "xml") == output("junit"));
  CHECK(block_after(doc, "github", "text") == output("github"));

  // The documents as they are but for the tool's version and the folder the docs were made in.
  auto json_doc = nlohmann::json::parse(block_after(doc, "json", "json"));
  auto json_out = nlohmann::json::parse(output("json"));
  json_doc["tool"]["version"] = json_out["tool"]["version"];
  CHECK(json_doc == json_out);

  // The docs cut the driver's rules to the one the result points at.
  auto sarif_doc = nlohmann::json::parse(block_after(doc, "sarif", "json"));
  auto sarif_out = nlohmann::json::parse(output("sarif"));
  auto& run = sarif_out["runs"][0];
  auto& rules = run["tool"]["driver"]["rules"];
  rules = nlohmann::json::array({rules[run["results"][0]["ruleIndex"].get<size_t>()]});
  auto& doc_run = sarif_doc["runs"][0];
  for (const char* key : {"version", "semanticVersion"}) doc_run["tool"]["driver"][key] = run["tool"]["driver"][key];
  doc_run["originalUriBaseIds"] = run["originalUriBaseIds"];
  CHECK(sarif_doc == sarif_out);
}
