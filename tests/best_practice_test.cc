// The best-practice review end to end: a pack shaped like Boomi's public "Extensions CICD" one
// gives exactly what Boomi's own code-quality report lists for it, each at its place in the
// export; the rules are configured and suppressed like every lint rule.
#include <filesystem>
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
const std::string kProcess = kPack + "/components/7d2e9a41-3c58-4f0b-a1e6-94b0c2d7f315.xml";
const std::string kQueueConnection = kPack + "/components/1a9f4c7e-62b3-4d85-9e10-c7a3b5f2d864.xml";
const std::string kQueueListen = kPack + "/components/b8e31d05-7f4a-4c29-86d1-2e5a9c0f4b73.xml";

using Finding = std::tuple<std::string, std::string, int, int>;  // rule, file, line, column

std::multiset<Finding> findings_of(const ipack::test::RunResult& r) {
  std::multiset<Finding> out;
  const auto doc = nlohmann::json::parse(r.out);
  for (const auto& d : doc["diagnostics"])
    out.emplace(d["rule"], d["file"], d["line"], d["column"]);
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
      {"process-description", kProcess, 1, column_of(kProcess, "<bns:description/>")},
      {"credential-not-extensible", kPack + "/pack.yaml", 17, 18},
      {"listener-general-mode", kProcess, 1, column_of(kProcess, "workload=\"general\"")},
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
