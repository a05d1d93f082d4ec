// `ipack diff OLD NEW`: release notes between two bundles of the example pack. OLD is the example
// as it is; NEW is a copy with a new pack version, two changed maps (one under a package that
// gets a new packageVersion, one under a package that keeps its version), a re-versioned
// package, a removed package, a connection field made extensible and a pattern added to a
// process property. Every change must show in json (exact fields), markdown and text.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::source_dir;
using nlohmann::json;

namespace {

const std::string kSyncAccounts = "8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
const std::string kSyncContacts = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const std::string kReceiveOrder = "e7fb3007-9206-4ec3-86bf-1c28c6ab3d09";
const std::string kOrdersApi = "9c8b7a6d-5e4f-4321-8fed-cba987654321";
const std::string kAccountMap = "58384c29-ff84-45d2-bf8a-e74f49297819";
const std::string kOrderMap = "bee81452-b8f6-40c3-b79b-87d0cf4b286e";
const std::string kCrmConnection = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
const std::string kSettings = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";
const std::string kBatchSizeKey = "7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b";

// Replaces the one occurrence of `from` in the file.
void edit(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_text(file.string());
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

std::string build(const std::string& pack, const std::string& out) {
  auto r = run_ipack({"build", pack, "-o", out, "--unsigned"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const auto& e : fs::directory_iterator(out))
    if (e.path().extension() == ".ipack") return e.path().string();
  FAIL("no bundle in " << out);
  return "";
}

struct DiffBundles {
  std::string dir = make_temp_dir();
  std::string old_bundle, new_bundle;
  DiffBundles() {
    old_bundle = build("examples/crm-sync", dir + "/old");
    fs::path pack = fs::path(dir) / "crm-sync";
    fs::copy(source_dir() + "/examples/crm-sync", pack, fs::copy_options::recursive);
    fs::path yaml = pack / "pack.yaml";
    edit(yaml, "version: 2.4.0", "version: 2.5.0");
    edit(yaml, "packageVersion: \"1.3\"", "packageVersion: \"1.4\"");  // Sync Accounts
    edit(yaml,
         "    - component: 9c8b7a6d-5e4f-4321-8fed-cba987654321\n      packageVersion: \"2.0\"\n      shareable: true\n"
         "      type: webservice\n      name: Orders API\n      notes: Receives orders from the ERP.\n",
         "");
    fs::remove(pack / "components/services/orders-api.xml");
    edit(yaml, "        default: \"100\"\n", "        default: \"100\"\n        pattern: \"^[0-9]+$\"\n");
    // A changed map under Sync Accounts (re-versioned above) and one under Receive Order (not).
    edit(pack / "components/maps/crm-account-to-erp-customer.xml", "version=\"6\"", "version=\"7\"");
    edit(pack / "components/maps/crm-account-to-erp-customer.xml", "</Mappings>", "<!-- 2.5 --></Mappings>");
    edit(pack / "components/maps/erp-sales-order-to-crm-order.xml", "version=\"3\"", "version=\"4\"");
    edit(pack / "components/maps/erp-sales-order-to-crm-order.xml", "</Mappings>", "<!-- 2.5 --></Mappings>");
    // The CRM connection's read timeout becomes an extension (in both processes that use it fully).
    for (const char* process : {"sync-accounts.xml", "sync-contacts.xml"}) {
      std::string text = read_text((pack / "components/processes" / process).string());
      std::string from = "<field id=\"readTimeout\" label=\"Read Timeout\" overrideable=\"false\"";
      text.replace(text.find(from), from.size(),
                   "<field id=\"readTimeout\" label=\"Read Timeout\" overrideable=\"true\"");
      std::ofstream(pack / "components/processes" / process, std::ios::binary | std::ios::trunc) << text;
    }
    edit(yaml, "packageVersion: \"1.1\"", "packageVersion: \"1.2\"");  // Sync Contacts
    new_bundle = build(pack.string(), dir + "/new");
  }
};

const DiffBundles& diff_bundles() {
  static DiffBundles b;
  return b;
}

json diff_json(const std::string& a, const std::string& b) {
  auto r = run_ipack({"diff", a, b, "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  return json::parse(r.out);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("diff reports every change in json, with exact fields", "[diff]") {
  const DiffBundles& b = diff_bundles();
  json d = diff_json(b.old_bundle, b.new_bundle);
  CHECK(d["pack"] == "crm-sync");
  CHECK(d["from"] == "2.4.0");
  CHECK(d["to"] == "2.5.0");
  CHECK(d["identical"] == false);
  CHECK(d["metadata"] == json::array());
  CHECK(d["spec"] == json::array());

  const json& p = d["packages"];
  CHECK(p["added"] == json::array());
  CHECK(p["removed"] == json::parse(R"([{"component": ")" + kOrdersApi +
                                    R"(", "name": "Orders API", "type": "webservice", "packageVersion": "2.0"}])"));
  CHECK(p["reversioned"] ==
        json::parse(R"([
      {"component": ")" +
                    kSyncContacts + R"(", "name": "Sync Contacts", "type": "process", "from": "1.1", "to": "1.2"},
      {"component": ")" +
                    kSyncAccounts + R"(", "name": "Sync Accounts", "type": "process", "from": "1.3", "to": "1.4"}])"));
  REQUIRE(p["closureChanged"].size() == 3);
  const json& accounts = p["closureChanged"][1];
  CHECK(accounts["component"] == kSyncAccounts);
  CHECK(accounts["from"] == "1.3");
  CHECK(accounts["to"] == "1.4");
  CHECK(accounts["versionReused"] == false);
  CHECK(accounts["added"] == json::array());
  CHECK(accounts["removed"] == json::array());
  CHECK(accounts["changed"] ==
        json::parse(R"([
      {"id": ")" + kAccountMap +
                    R"(", "name": "CRM Account to ERP Customer", "type": "transform.map", "from": "6", "to": "7"},
      {"id": ")" + kSyncAccounts +
                    R"(", "name": "Sync Accounts", "type": "process", "from": "12", "to": "12"}])"));
  const json& orders = p["closureChanged"][2];
  CHECK(orders == json::parse(R"({"component": ")" + kReceiveOrder + R"(", "name": "Receive Order", "type": "process",
      "from": "2.0", "to": "2.0", "versionReused": true, "added": [], "removed": [],
      "changed": [{"id": ")" + kOrderMap +
                              R"(", "name": "ERP Sales Order to CRM Order", "type": "transform.map",
                   "from": "3", "to": "4"}]})"));
  CHECK(p["closureChanged"][0]["component"] == kSyncContacts);
  CHECK(p["closureChanged"][0]["versionReused"] == false);
  CHECK(p["updated"] == json::array());

  REQUIRE(d["warnings"].size() == 1);
  CHECK(d["warnings"][0]["rule"] == "package-version-reused");
  CHECK(d["warnings"][0]["component"] == kReceiveOrder);
  CHECK(d["warnings"][0]["packageVersion"] == "2.0");

  const json& e = d["extensions"];
  CHECK(e["added"] == json::parse(R"([{"kind": "connections", "connection": ")" + kCrmConnection + R"(",
      "componentName": "Acme CRM Connection", "field": "readTimeout", "required": false, "secret": false}])"));
  CHECK(e["removed"] == json::array());
  CHECK(e["changed"] == json::parse(R"([{"kind": "processProperties", "component": ")" + kSettings + R"(",
      "componentName": "CRM Sync Settings", "key": ")" +
                                    kBatchSizeKey + R"(",
      "changes": [{"field": "pattern", "from": null, "to": "^[0-9]+$"}]}])"));
}

TEST_CASE("diff the other way round: added where it was removed", "[diff]") {
  const DiffBundles& b = diff_bundles();
  json d = diff_json(b.new_bundle, b.old_bundle);
  CHECK(d["from"] == "2.5.0");
  CHECK(d["to"] == "2.4.0");
  CHECK(d["packages"]["removed"] == json::array());
  REQUIRE(d["packages"]["added"].size() == 1);
  CHECK(d["packages"]["added"][0]["component"] == kOrdersApi);
  CHECK(d["packages"]["added"][0]["packageVersion"] == "2.0");
  REQUIRE(d["extensions"]["removed"].size() == 1);
  CHECK(d["extensions"]["removed"][0]["field"] == "readTimeout");
  CHECK(d["extensions"]["changed"][0]["changes"][0] ==
        json::parse(R"({"field": "pattern", "from": "^[0-9]+$", "to": null})"));
}

TEST_CASE("diff writes markdown release notes", "[diff]") {
  const DiffBundles& b = diff_bundles();
  auto r = run_ipack({"diff", b.old_bundle, b.new_bundle, "--format", "markdown"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string& md = r.out;
  CHECK(md.rfind("## crm-sync 2.5.0\n", 0) == 0);
  CHECK(has(md, "- Version 2.4.0 → 2.5.0\n"));
  CHECK(has(md, "> **Warning:** `Receive Order` keeps package version 2.0 although its components changed."));
  CHECK(has(md, "(`package-version-reused`)"));
  CHECK(has(md, "### Packages removed\n\n- `Orders API` (webservice, `" + kOrdersApi + "`), package version 2.0\n"));
  CHECK(has(
      md,
      "### New package versions\n\n- `Sync Contacts` (process): 1.1 → 1.2\n- `Sync Accounts` (process): 1.3 → 1.4\n"));
  CHECK(has(md,
            "- `Sync Accounts` (process, package version 1.3 → 1.4):\n"
            "  - changed `CRM Account to ERP Customer` (transform.map), version 6 → 7\n"
            "  - changed `Sync Accounts` (process), version 12 (new content under the same version)\n"));
  CHECK(has(md,
            "- `Receive Order` (process, package version 2.0, **not re-versioned**):\n"
            "  - changed `ERP Sales Order to CRM Order` (transform.map), version 3 → 4\n"));
  CHECK(has(md, "### Extensions added\n\n- Connection `Acme CRM Connection` (`" + kCrmConnection +
                    "`), field `readTimeout`: required `false`, secret `false`\n"));
  CHECK(has(md, "### Extensions changed\n\n- Process property `CRM Sync Settings` (`" + kSettings + "`), key `" +
                    kBatchSizeKey + "`: pattern none → `^[0-9]+$`\n"));
  CHECK_FALSE(has(md, "### Packages added"));
}

TEST_CASE("diff writes a plain-text report", "[diff]") {
  const DiffBundles& b = diff_bundles();
  auto r = run_ipack({"diff", b.old_bundle, b.new_bundle});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string& t = r.out;
  CHECK(t.rfind("crm-sync: 2.4.0 -> 2.5.0\n", 0) == 0);
  CHECK(has(t, "WARNING: package \"Receive Order\" keeps packageVersion 2.0 although its closure changed"));
  CHECK(has(t, "  version: 2.4.0 -> 2.5.0\n"));
  CHECK(has(t, "Packages removed (1):\n  - " + kOrdersApi + " webservice \"Orders API\" 2.0\n"));
  CHECK(has(t, "  ~ " + kSyncAccounts + " process \"Sync Accounts\": 1.3 -> 1.4\n"));
  CHECK(has(t, "  ~ " + kSyncContacts + " process \"Sync Contacts\": 1.1 -> 1.2\n"));
  CHECK(has(t, "  " + kReceiveOrder +
                   " process \"Receive Order\" (2.0, NOT re-versioned [package-version-reused]):\n"
                   "    ~ " +
                   kOrderMap + " transform.map \"ERP Sales Order to CRM Order\" version 3 -> 4\n"));
  CHECK(has(t, "    ~ " + kAccountMap + " transform.map \"CRM Account to ERP Customer\" version 6 -> 7\n"));
  CHECK(has(t, "Extensions added (1):\n  + connection " + kCrmConnection +
                   " (\"Acme CRM Connection\") field readTimeout: required false, secret false\n"));
  CHECK(has(t, "Extensions changed (1):\n  ~ process property " + kSettings + " (\"CRM Sync Settings\") key " +
                   kBatchSizeKey + ": pattern (none) -> \"^[0-9]+$\"\n"));
  CHECK_FALSE(has(t, "no differences"));
}

TEST_CASE("diff of a bundle with itself: no differences, in every format", "[diff]") {
  const DiffBundles& b = diff_bundles();
  auto text = run_ipack({"diff", b.old_bundle, b.old_bundle});
  CHECK(text.exit_code == 0);
  CHECK(text.out == "crm-sync: 2.4.0 -> 2.4.0\nno differences\n");
  auto md = run_ipack({"diff", b.old_bundle, b.old_bundle, "--format", "markdown"});
  CHECK(md.exit_code == 0);
  CHECK(md.out == "## crm-sync 2.4.0\n\nNo differences from 2.4.0.\n");
  json d = diff_json(b.old_bundle, b.old_bundle);
  CHECK(d["identical"] == true);
  CHECK(d["warnings"] == json::array());
  for (const char* group : {"packages", "extensions"})
    for (const auto& [k, v] : d[group].items()) CHECK(v == json::array());
  // The same pack rebuilt elsewhere (no git source, another time): still no differences.
  std::string copy = b.dir + "/copy";
  fs::copy(source_dir() + "/examples/crm-sync", copy, fs::copy_options::recursive);
  ipack::test::RunOptions later;
  later.env["SOURCE_DATE_EPOCH"] = "1795564800";
  auto rebuilt = run_ipack({"build", copy, "-o", b.dir + "/rebuilt", "--unsigned"}, later);
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(run_ipack({"diff", b.old_bundle, b.dir + "/rebuilt/crm-sync-2.4.0.ipack"}).out ==
        "crm-sync: 2.4.0 -> 2.4.0\nno differences\n");
}

TEST_CASE("diff -o writes the report to a file", "[diff]") {
  const DiffBundles& b = diff_bundles();
  std::string out = b.dir + "/notes.md";
  auto r = run_ipack({"diff", b.old_bundle, b.new_bundle, "--format", "markdown", "-o", out});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(read_text(out) == run_ipack({"diff", b.old_bundle, b.new_bundle, "--format", "markdown"}).out);
  auto bad = run_ipack({"diff", b.old_bundle, b.new_bundle, "-o", b.dir + "/no/such/folder/notes.md"});
  CHECK(bad.exit_code == 3);
  CHECK(has(bad.err, "ipack: error: cannot write "));
}

TEST_CASE("diff refuses a bundle it cannot read with exit 3", "[diff]") {
  const DiffBundles& b = diff_bundles();
  std::string missing = b.dir + "/missing.ipack";
  auto r = run_ipack({"diff", missing, b.new_bundle});
  CHECK(r.exit_code == 3);
  CHECK(r.out.empty());
  CHECK(r.err == "ipack: error: cannot read " + missing + ": no such file\n");

  std::string garbage = b.dir + "/garbage.ipack";
  std::ofstream(garbage) << "not a bundle\n";
  r = run_ipack({"diff", b.old_bundle, garbage});
  CHECK(r.exit_code == 3);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("ipack: error: cannot read " + garbage + ": ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("diff refuses bundles of two different packs with exit 1", "[diff]") {
  const DiffBundles& b = diff_bundles();
  std::string other = b.dir + "/crm-sync-eu";
  fs::copy(source_dir() + "/examples/crm-sync", other, fs::copy_options::recursive);
  edit(fs::path(other) / "pack.yaml", "  name: crm-sync\n", "  name: crm-sync-eu\n");
  std::string bundle = build(other, b.dir + "/eu");
  auto r = run_ipack({"diff", b.old_bundle, bundle});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(has(r.err, "different packs (\"crm-sync\" and \"crm-sync-eu\")"));
}

TEST_CASE("diff --help says that signatures are not verified", "[diff]") {
  auto r = run_ipack({"diff", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "does NOT verify their signatures"));
  CHECK(has(r.out, "(does NOT verify signatures)"));
}

TEST_CASE("docs/bundle.md shows diff's real markdown output for the bundles of this test", "[diff][docs]") {
  const DiffBundles& b = diff_bundles();
  std::string doc = read_text(source_dir() + "/docs/bundle.md");
  std::string start = "<!-- diff-example -->\n```markdown\n";
  size_t from = doc.find(start);
  REQUIRE(from != std::string::npos);
  from += start.size();
  std::string shown = doc.substr(from, doc.find("\n```", from) + 1 - from);
  CHECK(shown == run_ipack({"diff", b.old_bundle, b.new_bundle, "--format", "markdown"}).out);
}
