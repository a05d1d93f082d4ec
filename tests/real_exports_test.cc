// Packs of platform-written exports end to end: a listener pack shaped like Boomi's public
// "Extensions CICD" one (examples/invalid/credential-not-extensible--listener) gives exactly
// the findings and the closure Boomi's own code-quality report and manifest give it; a
// one-line export of megabytes validates fast with a clipped snippet; --previous writes the
// Update request bodies.
#include <archive.h>
#include <archive_entry.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::source_dir;

namespace {

const std::string kProcessId = "7d2e9a41-3c58-4f0b-a1e6-94b0c2d7f315";
const std::string kQueue = "5c07e2b9-d4a1-4e6f-b835-0f9d1a7c3e28";
const std::string kFixedHttp = "92c5f1d8-4a7e-4b03-b9d6-1e8a2c4f7053";

std::map<std::string, std::string> read_bundle_entries(const std::string& path) {
  std::map<std::string, std::string> out;
  struct archive* a = archive_read_new();
  archive_read_support_filter_gzip(a);
  archive_read_support_format_tar(a);
  REQUIRE(archive_read_open_filename(a, path.c_str(), 65536) == ARCHIVE_OK);
  struct archive_entry* e;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    std::string content;
    char buf[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a, buf, sizeof buf)) > 0) content.append(buf, static_cast<size_t>(n));
    out[archive_entry_pathname(e)] = std::move(content);
  }
  archive_read_free(a);
  return out;
}

// A copy of the listener fixture that a test may change.
std::string listener_copy() {
  std::string dir = make_temp_dir() + "/listener";
  fs::copy(source_dir() + "/examples/invalid/credential-not-extensible--listener", dir, fs::copy_options::recursive);
  fs::remove(dir + "/expected.out");
  return dir;
}

void replace_in(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = read_text(path);
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(path, std::ios::binary) << text;
}

nlohmann::json findings(const std::string& dir) {
  auto r = run_ipack({"validate", "--format", "json"}, {dir});
  return nlohmann::json::parse(r.out)["diagnostics"];
}

}  // namespace

TEST_CASE("a listener pack like Extensions CICD: exactly the credential finding, no unused component", "[real]") {
  auto d = findings(source_dir() + "/examples/invalid/credential-not-extensible--listener");
  REQUIRE(d.size() == 1);
  CHECK(d[0]["rule"] == "credential-not-extensible");
  std::string message = d[0]["message"];
  CHECK(message.find("\"Warehouse HTTP Connection\"") != std::string::npos);
  CHECK(message.find("its url, user and password") != std::string::npos);
}

TEST_CASE("its bundle holds the 8 components of Boomi's manifest, the queue included", "[real]") {
  std::string dir = listener_copy();
  std::string out = make_temp_dir();
  auto r = run_ipack({"build", dir, "-o", out, "--unsigned"});
  REQUIRE(r.exit_code == 0);
  auto entries = read_bundle_entries(out + "/fulfilment-listener-1.0.0.ipack");
  std::set<std::string> exports;
  for (const auto& [name, content] : entries)
    if (name.rfind("components/", 0) == 0) exports.insert(name.substr(11, 36));
  std::set<std::string> expected;
  for (const auto& e : fs::directory_iterator(dir + "/components")) expected.insert(e.path().stem().string());
  CHECK(expected.size() == 8);
  CHECK(exports == expected);
  CHECK(exports.count(kQueue));
  auto pack = nlohmann::json::parse(entries["pack.json"]);
  CHECK(pack["packages"][0]["closure"]["components"].size() == 8);
}

TEST_CASE("made extensible, the connection's password is a secret extension in pack.json", "[real]") {
  std::string dir = listener_copy();
  std::string process = dir + "/components/" + kProcessId + ".xml";
  std::string list = "<ConnectionOverride id=\"" + kFixedHttp + "\">";
  for (const char* field : {"url", "user", "password"}) {
    std::string text = read_text(process);
    size_t start = text.find(list);
    size_t at = text.find(std::string("<field id=\"") + field + "\"", start);
    size_t flag = text.find("overrideable=\"false\"", at);
    text.replace(flag, 20, "overrideable=\"true\"");
    std::ofstream(process, std::ios::binary) << text;
  }
  CHECK(findings(dir).empty());
  std::string out = make_temp_dir();
  REQUIRE(run_ipack({"build", dir, "-o", out, "--unsigned"}).exit_code == 0);
  auto pack = nlohmann::json::parse(read_bundle_entries(out + "/fulfilment-listener-1.0.0.ipack")["pack.json"]);
  std::map<std::string, bool> secret;
  for (const auto& e : pack["extensions"]["connections"])
    if (e["connection"] == kFixedHttp) secret[e["field"]] = e["secret"];
  CHECK(secret == std::map<std::string, bool>{{"password", true}, {"url", false}, {"user", false}});
  CHECK(pack["extensions"]["dynamicProcessProperties"].size() == 2);
  CHECK(pack["extensions"]["processProperties"].size() == 1);
}

TEST_CASE("without the queue's export, unresolved-reference names the queue", "[real]") {
  std::string dir = listener_copy();
  fs::remove(dir + "/components/" + kQueue + ".xml");
  auto d = findings(dir);
  std::vector<std::string> unresolved;
  for (const auto& f : d)
    if (f["rule"] == "unresolved-reference") unresolved.push_back(f["message"]);
  REQUIRE(unresolved.size() == 1);
  CHECK(unresolved[0].find("<queueComponentId> names component " + kQueue) == 0);
}

TEST_CASE("a 3 MB one-line export validates in well under a second, its snippet clipped", "[real][perf]") {
  std::string dir = listener_copy();
  // A profile of 3 MB on one line, one of whose references names a missing export at its end.
  std::string profile =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><bns:Component "
      "xmlns:bns=\"http://api.platform.boomi.com/\" componentId=\"aa11bb22-cc33-4d44-8e55-ff6677889900\" "
      "version=\"1\" name=\"Large Profile — ünïcode\" type=\"profile.xml\" deleted=\"false\"><bns:object><XMLProfile>";
  std::string element =
      "<XMLElement name=\"Feld\" typeKey=\"-1\" isNode=\"true\" dataType=\"character\" mandatory=\"false\"/>";
  while (profile.size() < 3u * 1024 * 1024) profile += element;
  profile += "<profileelement name=\"Ref\" profileId=\"0badc0de-0000-4000-8000-000000000001\"/>";
  profile += "</XMLProfile></bns:object></bns:Component>";
  std::ofstream(dir + "/components/large-profile.xml", std::ios::binary) << profile;
  size_t column = 1;
  for (size_t i = 0; i < profile.rfind("profileId="); ++i)
    column += (static_cast<unsigned char>(profile[i]) & 0xC0) != 0x80;
  // The process uses it, so that it is in the closure.
  replace_in(dir + "/components/" + kProcessId + ".xml", "<shapes>",
             "<shapes><shape name=\"shape9\" shapetype=\"map\"><configuration><profileelement profileId=\""
             "aa11bb22-cc33-4d44-8e55-ff6677889900\"/></configuration></shape>");
  auto start = std::chrono::steady_clock::now();
  auto r = run_ipack({"validate", "--color", "never", "--jobs", "1"}, {dir});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 1.0);
  std::string header =
      "components/large-profile.xml:1:" + std::to_string(column) + ": warning: profileelement/@profileId names";
  size_t at = r.out.find(header);
  REQUIRE(at != std::string::npos);
  // The quoted line: a window ending where the line ends, cut at its start only.
  size_t snippet = r.out.find('\n', at) + 1;
  std::string quoted = r.out.substr(snippet, r.out.find('\n', snippet) - snippet);
  CHECK(quoted.rfind("...", 0) == 0);
  CHECK(quoted.find("profileId=\"0badc0de") != std::string::npos);
  CHECK(quoted.size() < 200);
  size_t caret_line = snippet + quoted.size() + 1;
  std::string caret = r.out.substr(caret_line, r.out.find('\n', caret_line) - caret_line);
  // The caret stands under the `p` of profileId.
  CHECK(quoted.substr(caret.find('^'), 9) == "profileId");
}

TEST_CASE("other override sections become pack.json extensions, with the manifest's attributes", "[real]") {
  std::string dir = make_temp_dir() + "/returns";
  fs::copy(source_dir() + "/examples/invalid/extension-not-declared--sections", dir, fs::copy_options::recursive);
  // Without the entry no process declares, the pack builds.
  std::string yaml = read_text(dir + "/pack.yaml");
  yaml.erase(yaml.find("    crossReferences:"));
  std::ofstream(dir + "/pack.yaml", std::ios::binary) << yaml;
  std::string out = make_temp_dir();
  auto r = run_ipack({"build", dir, "-o", out, "--unsigned"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto pack = nlohmann::json::parse(read_bundle_entries(out + "/returns-1.0.0.ipack")["pack.json"]);
  const auto& e = pack["extensions"];
  REQUIRE(e["operations"].size() == 1);
  CHECK(e["operations"][0] == nlohmann::json::parse(R"({"component": "5c7e9a1b-3d4f-4c8e-a02b-4f6b8c0e2a3d",
    "field": "maxConcurrentExecutions", "pattern": "^[1-9][0-9]*$", "description": "Listener threads",
    "processes": ["3a5c7e9b-1d2f-4a6c-8e0b-2d4f6a8c0e1b"], "required": false, "secret": false})"));
  for (const char* list : {"tradingPartners", "objectDefinitions", "dataMaps", "crossReferences", "pgpCertificates"})
    CHECK(e[list] == nlohmann::json::array());
  // The queue connection's queue is extensible too, by its text() xpath.
  REQUIRE(e["connections"].size() == 1);
  CHECK(e["connections"][0]["field"] == "queueComponentId");
}
