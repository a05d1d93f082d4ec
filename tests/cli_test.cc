// The command-line contract: exit codes, standard output and standard error, each
// asserted on its own.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/version.h"
#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::RunOptions;
using ipack::test::source_dir;
using ipack::test::write_text;

namespace {

const std::string kValidPack = "examples/crm-sync";
const std::string kInvalidPack = "examples/invalid/schema";

const char* kMultiPack = R"(apiVersion: ipack/v1
kind: IntegrationPack
metadata:
  name: multi
  displayName: Multi
  description: A multi-install pack.
  version: 1.0.0
  publisher: Acme
spec:
  installation: multi
  packages:
    - component: 8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b
      packageVersion: "1.0"
      shareable: true
      type: process
)";

const char* kMultiConfig = R"(apiVersion: ipack/v1
kind: Config
account:
  features: [integration-pack-management, multi-install]
)";

// kMultiPack has no components folder: its one package gets closure-unchecked.
const std::string kMultiConfigQuiet = std::string(kMultiConfig) + "rules:\n  closure-unchecked: off\n";

}  // namespace

TEST_CASE("the version flag prints the version and exits 0", "[cli]") {
  auto r = run_ipack({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind(std::string("ipack ") + ipack::kVersion + " (" + ipack::kBuildType + " build)\nlibraries: ", 0) ==
        0);
  for (const char* library :
       {"yaml-cpp 0.", "fmt ", "pugixml 1.", "libarchive 3.", "OpenSSL ", "nlohmann-json 3.", "CLI11 2."})
    CHECK(r.out.find(library) != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("bad command lines exit 2 with a message on standard error", "[cli]") {
  SECTION("no command") {
    auto r = run_ipack({});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
  }
  SECTION("unknown flag") {
    auto r = run_ipack({"validate", "--bogus"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--bogus") != std::string::npos);
  }
  SECTION("a bad --format value") {
    auto r = run_ipack({"validate", "--format", "yaml", kValidPack});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("yaml") != std::string::npos);
  }
  SECTION("--jobs 0") {
    auto r = run_ipack({"validate", "--jobs", "0", kValidPack});
    CHECK(r.exit_code == 2);
  }
  SECTION("unknown schema kind") {
    auto r = run_ipack({"schema", "nope"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("pack, config") != std::string::npos);
  }
  SECTION("explain with a misspelt rule suggests the right one") {
    auto r = run_ipack({"explain", "pack-limt"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("did you mean \"pack-limit\"") != std::string::npos);
  }
}

TEST_CASE("help exits 0 and lists the commands", "[cli]") {
  auto r = run_ipack({"--help"});
  CHECK(r.exit_code == 0);
  for (const char* command : {"validate", "schema", "rules", "explain"})
    CHECK(r.out.find(command) != std::string::npos);
  auto v = run_ipack({"validate", "--help"});
  CHECK(v.exit_code == 0);
  for (const char* flag :
       {"--format", "--strict", "--config", "--jobs", "--color", "--quiet", "--stdin-name", "--output"})
    CHECK(v.out.find(flag) != std::string::npos);
}

TEST_CASE("a clean pack exits 0 with the summary line only", "[cli]") {
  auto r = run_ipack({"validate", kValidPack});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "0 errors, 0 warnings in 2 files\n");  // the pack and its customer's install plan
  CHECK(r.err.empty());
  SECTION("-q drops the summary") {
    auto q = run_ipack({"validate", "-q", kValidPack});
    CHECK(q.exit_code == 0);
    CHECK(q.out.empty());
  }
  SECTION("--strict passes a clean pack") { CHECK(run_ipack({"validate", "--strict", kValidPack}).exit_code == 0); }
}

TEST_CASE("findings exit 1 and are printed as path:line:col: severity: message [rule]", "[cli]") {
  auto r = run_ipack({"validate", "--color", "never", kInvalidPack});
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  CHECK(r.out.rfind("examples/invalid/schema/pack.yaml:", 0) == 0);
  CHECK(r.out.find("error: ") != std::string::npos);
  CHECK(r.out.find(" [schema]\n") != std::string::npos);
  CHECK(r.out.find("^") != std::string::npos);
  // The pack has no components folder: its packages also get closure-unchecked warnings.
  CHECK(r.out.find("\n1 error, 2 warnings in 1 file\n") != std::string::npos);
  CHECK(r.out.find("warning: ") != std::string::npos);
  CHECK(r.out.find(" [closure-unchecked]\n") != std::string::npos);
}

TEST_CASE("warnings fail the run only under --strict", "[cli]") {
  auto dir = make_temp_dir();
  write_text(fs::path(dir) / "pack.yaml", kMultiPack);
  write_text(fs::path(dir) / ".ipack.yaml", kMultiConfig);
  fs::create_directory(fs::path(dir) / ".git");
  auto plain = run_ipack({"validate", "--color", "never"}, {dir});
  CHECK(plain.exit_code == 0);
  CHECK(plain.out.find("0 errors, 1 warning in 2 files\n") != std::string::npos);
  auto strict = run_ipack({"validate", "--strict", "--color", "never"}, {dir});
  CHECK(strict.exit_code == 1);
  CHECK(strict.out == plain.out);
}

TEST_CASE("the config's rules: changes lint rules and refuses platform rules", "[cli][config]") {
  auto dir = make_temp_dir();
  fs::create_directory(fs::path(dir) / ".git");
  write_text(fs::path(dir) / "pack.yaml", kMultiPack);
  auto with_rules = [&](const std::string& rules) {
    write_text(fs::path(dir) / ".ipack.yaml", std::string(kMultiConfig) + "rules:\n" + rules);
    return run_ipack({"validate", "--color", "never", "--format", "json"}, {dir});
  };
  SECTION("a warning made an error") {
    auto r = with_rules("  closure-unchecked: error\n");
    CHECK(r.exit_code == 1);
    auto doc = nlohmann::json::parse(r.out);
    REQUIRE(doc["diagnostics"].size() == 1);
    CHECK(doc["diagnostics"][0]["rule"] == "closure-unchecked");
    CHECK(doc["diagnostics"][0]["severity"] == "error");
  }
  SECTION("a rule turned off") {
    auto r = with_rules("  closure-unchecked: off\n");
    CHECK(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["diagnostics"].empty());
  }
  SECTION("a platform rule cannot be changed, and an unknown rule is named") {
    auto r = with_rules("  pack-limit: off\n  unused-componnt: off\n");
    CHECK(r.exit_code == 1);
    auto doc = nlohmann::json::parse(r.out);
    std::string all = doc["diagnostics"].dump();
    CHECK(all.find("pack-limit is a platform rule") != std::string::npos);
    CHECK(all.find("did you mean \\\"unused-component\\\"") != std::string::npos);
  }
}

TEST_CASE("inputs that cannot be read exit 3", "[cli]") {
  SECTION("a missing path") {
    auto r = run_ipack({"validate", "does-not-exist.yaml"});
    CHECK(r.exit_code == 3);
    CHECK(r.out.empty());
    CHECK(r.err == "ipack: error: cannot read does-not-exist.yaml: no such file or directory\n");
  }
  SECTION("a folder without manifests") {
    auto dir = make_temp_dir();
    auto r = run_ipack({"validate", dir});
    CHECK(r.exit_code == 3);
    CHECK(r.out.empty());
    CHECK(r.err.find(": no pack.yaml or pack.yml in it or under it (hidden folders are skipped): nothing to check") !=
          std::string::npos);
  }
  SECTION("a missing --config") {
    auto r = run_ipack({"validate", "--config", "nope.yaml", kValidPack});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("nope.yaml") != std::string::npos);
  }
  SECTION("an output that cannot be written") {
    auto r = run_ipack({"validate", "-o", "/nonexistent-dir/out.txt", kValidPack});
    CHECK(r.exit_code == 3);
    CHECK(r.out.empty());
    CHECK(r.err.find("cannot write /nonexistent-dir/out.txt") != std::string::npos);
  }
  SECTION("an IPACK_TODAY that is not a date") {
    RunOptions o;
    o.env["IPACK_TODAY"] = "yesterday";
    auto r = run_ipack({"validate", kValidPack}, o);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("IPACK_TODAY is \"yesterday\": give today's date as yyyy-MM-dd (UTC)") != std::string::npos);
  }
  SECTION("a SOURCE_DATE_EPOCH that is not a number, on build") {
    RunOptions o;
    o.env["SOURCE_DATE_EPOCH"] = "yesterday";
    auto r = run_ipack({"build", "--unsigned", "-o", "/tmp", kValidPack}, o);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("SOURCE_DATE_EPOCH") != std::string::npos);
  }
}

TEST_CASE("the JSON format is the documented stable document", "[cli]") {
  auto r = run_ipack({"validate", "--format", "json", kInvalidPack, kValidPack});
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["version"] == 1);
  CHECK(doc["tool"]["name"] == "ipack");
  CHECK(doc["tool"]["version"] == ipack::kVersion);
  CHECK(doc["summary"]["files"] == 3);  // two packs named crm-sync, and the valid one's install plan
  int errors = 0, warnings = 0;
  for (const auto& d : doc["diagnostics"]) (d["severity"] == "error" ? errors : warnings)++;
  CHECK(doc["summary"]["errors"] == errors);
  CHECK(doc["summary"]["warnings"] == warnings);
  CHECK(errors == 1);
  REQUIRE(doc["diagnostics"].size() >= 1);
  const auto& d = doc["diagnostics"][0];
  for (const char* key :
       {"file", "line", "column", "endLine", "endColumn", "severity", "rule", "message", "pointer", "chain"})
    CHECK(d.contains(key));
  CHECK(d["file"] == "examples/invalid/schema/pack.yaml");
  CHECK(d["severity"] == "error");
  CHECK(d["chain"].is_array());
}

TEST_CASE("standard input is read with -, named by --stdin-name", "[cli]") {
  RunOptions o;
  o.stdin_text = read_text(source_dir() + "/" + kInvalidPack + "/pack.yaml");
  auto r = run_ipack({"validate", "--color", "never", "--stdin-name", "crm/pack.yaml", "-"}, o);
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind("crm/pack.yaml:", 0) == 0);
  auto plain = run_ipack({"validate", "--color", "never", "-"}, o);
  CHECK(plain.out.rfind("<stdin>:", 0) == 0);
}

TEST_CASE("a pattern failure is a sentence in text; --format json adds the schema's regex", "[cli]") {
  RunOptions o;
  std::string pack = read_text(source_dir() + "/" + kValidPack + "/pack.yaml");
  size_t at = pack.find("\n  version: ");
  REQUIRE(at != std::string::npos);
  pack.replace(at, pack.find('\n', at + 1) - at, "\n  version: \"1.0\"");
  o.stdin_text = pack;
  auto schema = nlohmann::json::parse(run_ipack({"schema", "pack"}).out);
  std::string regex = schema["properties"]["metadata"]["properties"]["version"]["pattern"];

  auto text = run_ipack({"validate", "--color", "never", "-"}, o);
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("use a semantic version MAJOR.MINOR.PATCH") != std::string::npos);
  CHECK(text.out.find(regex) == std::string::npos);

  auto doc = nlohmann::json::parse(run_ipack({"validate", "--format", "json", "-"}, o).out);
  bool found = false;
  for (const auto& d : doc["diagnostics"])
    if (d["pointer"] == "/metadata/version") {
      found = true;
      CHECK(d["pattern"] == regex);
    } else {
      CHECK_FALSE(d.contains("pattern"));
    }
  CHECK(found);
}

TEST_CASE("an error line shows the control characters of a path instead of sending them", "[cli]") {
  auto r = run_ipack({"validate", "no-such-\x1b[2J-pack"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find("no-such-\xE2\x90\x9B[2J-pack") != std::string::npos);  // ESC as ␛
}

TEST_CASE("output is byte-identical whatever --jobs is", "[cli]") {
  auto one = run_ipack({"validate", "--jobs", "1", "--color", "never", "examples"});
  auto two = run_ipack({"validate", "--jobs", "2", "--color", "never", "examples"});
  auto many = run_ipack({"validate", "--jobs", "16", "--color", "never", "examples"});
  CHECK(one.exit_code == 1);
  CHECK(one.out == two.out);
  CHECK(one.out == many.out);
  CHECK(one.out.find("in 1 file") == std::string::npos);  // it read the whole tree
}

TEST_CASE("the output flag writes the findings to a file, and leaves nothing else behind", "[cli]") {
  auto dir = make_temp_dir();
  std::string out = dir + "/findings.json";
  auto r = run_ipack({"validate", "--format", "json", "-o", out, kInvalidPack});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  auto direct = run_ipack({"validate", "--format", "json", kInvalidPack});
  CHECK(read_text(out) == direct.out);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}

TEST_CASE("colour follows --color and NO_COLOR", "[cli]") {
  auto always = run_ipack({"validate", "--color", "always", kInvalidPack});
  CHECK(always.out.find("\033[") != std::string::npos);
  auto never = run_ipack({"validate", "--color", "never", kInvalidPack});
  CHECK(never.out.find("\033[") == std::string::npos);
  RunOptions o;
  o.env["NO_COLOR"] = "1";
  auto auto_no_color = run_ipack({"validate", kInvalidPack}, o);
  CHECK(auto_no_color.out.find("\033[") == std::string::npos);
  CHECK(auto_no_color.out == never.out);
}

TEST_CASE("the config is looked up from the current directory to the repository root", "[cli][config]") {
  auto repo = make_temp_dir();
  fs::create_directory(fs::path(repo) / ".git");
  write_text(fs::path(repo) / "packs/multi/pack.yaml", kMultiPack);

  SECTION("without a config a multi pack needs the multi-install feature") {
    auto r = run_ipack({"validate", "--color", "never", "packs"}, {repo});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("[account-feature]") != std::string::npos);
  }
  SECTION("a config at the repository root is found from a subfolder") {
    write_text(fs::path(repo) / ".ipack.yaml", kMultiConfigQuiet);
    auto r = run_ipack({"validate", "--color", "never", "multi"}, {repo + "/packs"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "0 errors, 0 warnings in 2 files\n");
  }
  SECTION("the lookup stops at the repository root") {
    auto outer = make_temp_dir();
    write_text(fs::path(outer) / ".ipack.yaml", kMultiConfig);
    fs::create_directories(fs::path(outer) / "repo/.git");
    write_text(fs::path(outer) / "repo/multi/pack.yaml", kMultiPack);
    auto r = run_ipack({"validate", "multi"}, {outer + "/repo"});
    CHECK(r.exit_code == 1);
  }
  SECTION("--config names one explicitly, and its findings are reported in it") {
    write_text(fs::path(repo) / "elsewhere/config.yaml",
               "apiVersion: ipack/v1\nkind: Config\naccount:\n  features: [multi-install]\n");
    auto r = run_ipack({"validate", "--color", "never", "--config", "elsewhere/config.yaml", "packs"}, {repo});
    CHECK(r.exit_code == 1);
    CHECK(r.out.rfind("elsewhere/config.yaml:4:", 0) == 0);
    CHECK(r.out.find("[account-feature]") != std::string::npos);
  }
}

TEST_CASE("schema, rules and explain", "[cli]") {
  SECTION("schema prints the compiled-in schema") {
    auto r = run_ipack({"schema", "pack"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == read_text(source_dir() + "/schemas/pack.schema.json"));
    CHECK(run_ipack({"schema", "config"}).out == read_text(source_dir() + "/schemas/config.schema.json"));
    CHECK(run_ipack({"schema"}).out == r.out);
  }
  SECTION("the schema works from any folder: nothing is looked up at run time") {
    auto r = run_ipack({"schema", "pack"}, {make_temp_dir()});
    CHECK(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["title"].is_string());
  }
  SECTION("rules lists every rule with severity and group") {
    auto r = run_ipack({"rules"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("pack-limit") != std::string::npos);
    CHECK(r.out.find("platform") != std::string::npos);
  }
}

TEST_CASE("a chain is in the JSON output, hop by hop", "[cli][components]") {
  auto r = run_ipack({"validate", "--format", "json"}, {source_dir() + "/examples/invalid/process-route-in-closure"});
  CHECK(r.exit_code == 1);
  auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["diagnostics"].size() == 1);
  const auto& chain = doc["diagnostics"][0]["chain"];
  REQUIRE(chain.size() == 3);
  CHECK(chain[0]["type"] == "process");
  CHECK(chain[0]["name"] == "Sync Orders");
  CHECK(chain[0]["file"] == "components/processes/sync-orders.xml");
  CHECK(chain[0]["line"] == 2);
  CHECK(chain[2]["type"] == "Process Route step");
  for (const auto& hop : chain) CHECK(hop["id"].get<std::string>().size() == 36);
}

TEST_CASE("exports behind a symbolic link that leaves the pack are not read", "[cli][components]") {
  auto outside = make_temp_dir();
  auto pack = make_temp_dir();
  fs::create_directory(fs::path(pack) / ".git");
  fs::copy(source_dir() + "/examples/crm-sync", pack, fs::copy_options::recursive);
  // An export the pack would otherwise report as unused, and a malformed one.
  write_text(fs::path(outside) / "stray.xml",
             "<bns:Component xmlns:bns=\"http://api.platform.boomi.com/\" "
             "componentId=\"99999999-0000-4000-8000-000000000000\" "
             "name=\"Stray\" type=\"profile.json\"/>");
  write_text(fs::path(outside) / "broken.xml", "<not closed");
  fs::create_symlink(fs::path(outside) / "stray.xml", fs::path(pack) / "components/stray.xml");
  fs::create_directory_symlink(outside, fs::path(pack) / "components/linked");
  auto r = run_ipack({"validate", "--color", "never"}, {pack});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "0 errors, 0 warnings in 2 files\n");  // the pack and its install plan
  CHECK(r.err.empty());
}

TEST_CASE("a finding in an export shows the export's line", "[cli][components]") {
  auto r = run_ipack({"validate", "--color", "never"}, {source_dir() + "/examples/invalid/unused-component"});
  CHECK(r.exit_code == 0);  // a warning
  CHECK(r.out.find(".xml:") != std::string::npos);
  CHECK(r.out.find("<bns:Component") != std::string::npos);
  CHECK(r.out.find("\n^") != std::string::npos);
}

TEST_CASE("standard input named by --stdin-name finds its components folder", "[cli][components]") {
  RunOptions o;
  o.stdin_text = read_text(source_dir() + "/examples/crm-sync/pack.yaml");
  auto placed = run_ipack({"validate", "--color", "never", "--stdin-name", "examples/crm-sync/pack.yaml", "-"}, o);
  CHECK(placed.exit_code == 0);
  CHECK(placed.out == "0 errors, 0 warnings in 1 file\n");
  auto unplaced = run_ipack({"validate", "--color", "never", "-"}, o);
  CHECK(unplaced.out.find("[closure-unchecked]") != std::string::npos);
}

TEST_CASE("entity expansion and external entities in an export are inert", "[cli][components]") {
  auto pack = make_temp_dir();
  fs::create_directory(fs::path(pack) / ".git");
  fs::copy(source_dir() + "/examples/crm-sync", pack, fs::copy_options::recursive);
  fs::path profile = fs::path(pack) / "components/profiles/crm-account-json.xml";
  std::string text = read_text(profile.string());
  std::string doctype =
      "<!DOCTYPE bns:Component [\n<!ENTITY lol \"lol\">\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n";
  for (int i = 1; i <= 9; ++i) {
    doctype += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) doctype += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    doctype += "\">\n";
  }
  doctype += "]>\n";
  text.insert(text.find("?>") + 2, doctype);  // the export is one line, as the API returns it
  size_t description = text.find("<bns:description>") + std::string("<bns:description>").size();
  text.insert(description, "&lol9; &xxe; ");
  write_text(profile, text);
  auto r = run_ipack({"validate", "--color", "never", "--format", "json"}, {pack});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(nlohmann::json::parse(r.out)["diagnostics"].empty());
  CHECK(r.out.find("root:") == std::string::npos);
}

TEST_CASE("the config's ignore globs skip folders in discovery, not named files", "[cli][config]") {
  auto repo = make_temp_dir();
  fs::create_directory(fs::path(repo) / ".git");
  write_text(fs::path(repo) / ".ipack.yaml", kMultiConfigQuiet + "ignore:\n  - archive/**\n");
  write_text(fs::path(repo) / "live/pack.yaml", kMultiPack);
  write_text(fs::path(repo) / "archive/old/pack.yaml", "not: [a manifest");
  auto r = run_ipack({"validate", "--color", "never", "."}, {repo});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "0 errors, 0 warnings in 2 files\n");
  auto named = run_ipack({"validate", "--color", "never", "archive/old/pack.yaml"}, {repo});
  CHECK(named.exit_code == 1);
  CHECK(named.out.find("[yaml-syntax]") != std::string::npos);
}
