#include "schema/schema_check.h"

#include <thread>

#include <catch2/catch.hpp>

namespace ipack {
namespace {

std::vector<Diagnostic> validate(Kind kind, const std::string& text) {
  SourceFile source("m.yaml", text);
  std::vector<Diagnostic> out;
  auto doc = read_yaml(source, out);
  REQUIRE(doc);
  Reporter reporter(source, doc->positions, out);
  check_schema(kind, *doc, reporter);
  sort_and_deduplicate(out);
  return out;
}

const char* kPack = R"(apiVersion: ipack/v1
kind: IntegrationPack
metadata:
  name: crm-sync
  displayName: CRM Sync
  description: Keeps accounts in sync.
  version: 2.4.0
  publisher: Acme
spec:
  installation: single
  packages:
    - component: 8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b
      packageVersion: "1.3"
      shareable: true
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("a valid pack passes the schema", "[schema]") { CHECK(validate(Kind::IntegrationPack, kPack).empty()); }

TEST_CASE("one finding per real problem, at the deepest place, with no wrapper cascade", "[schema]") {
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "packageVersion: \"1.3\"", "packageVersion: 1.3"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "schema");
  CHECK(ds[0].line == 13);
  CHECK(ds[0].column == 23);
  CHECK(ds[0].end_column == 26);
  CHECK(ds[0].pointer == "/spec/packages/0/packageVersion");
  CHECK(ds[0].message.find("write it in quotes, \"1.3\"") != std::string::npos);
  CHECK(ds[0].message.find("Failed to validate") == std::string::npos);
}

TEST_CASE("an unknown key is reported at the key, with did-you-mean", "[schema]") {
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "  installation: single", "  instalation: single"));
  REQUIRE(ds.size() == 2);  // the misspelt key, and the required key it leaves missing
  const Diagnostic& unknown = ds[1].message.find("unknown key") != std::string::npos ? ds[1] : ds[0];
  CHECK(unknown.line == 10);
  CHECK(unknown.column == 3);
  CHECK(unknown.message == "unknown key \"instalation\" in spec; did you mean \"installation\"?");
}

TEST_CASE("an unknown key far from every known one lists the known keys", "[schema]") {
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "  publisher: Acme", "  publisher: Acme\n  colour: red"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("expected one of:") != std::string::npos);
  CHECK(ds[0].message.find("\"displayName\"") != std::string::npos);
}

TEST_CASE("a missing key is reported at the mapping that lacks it", "[schema]") {
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "  publisher: Acme\n", ""));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].line == 3);
  CHECK(ds[0].message == "metadata is missing the required key \"publisher\"");
}

TEST_CASE("enums say what is allowed and suggest the closest", "[schema]") {
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "installation: single", "installation: singel"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message ==
        "installation must be one of \"single\", \"multi\", not \"singel\" (did you mean \"single\"?)");
}

TEST_CASE("booleans written the YAML 1.1 way get a hint", "[schema]") {
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "shareable: true", "shareable: yes"));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("write true or false") != std::string::npos);
}

TEST_CASE("constraints a platform rule owns are left to it", "[schema]") {
  std::string long_description = "  description: " + std::string(600, 'x');
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "  description: Keeps accounts in sync.", long_description));
  CHECK(ds.empty());
}

TEST_CASE("a megabyte string does not crash the pattern check, and lengths stay right", "[schema]") {
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "version: 2.4.0", "version: 1" + std::string(1 << 20, '0')));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message.find("is not of the right form: use a semantic version MAJOR.MINOR.PATCH") != std::string::npos);
  std::string notes;
  for (int i = 0; i < 2001; ++i) notes += "\xE6\x97\xA5";  // 2001 three-byte characters
  auto long_notes =
      validate(Kind::IntegrationPack, replace(kPack, "shareable: true", "shareable: true\n      notes: " + notes));
  REQUIRE(long_notes.size() == 1);
  CHECK(long_notes[0].message == "notes is 2001 characters long; at most 2000 are allowed");
}

TEST_CASE("a pattern failure says in words what the field wants, without the regex", "[schema]") {
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "version: 2.4.0", "version: \"1.0\""));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message ==
        "version \"1.0\" is not of the right form: use a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0 (a "
        "pre-release or build suffix may follow: 1.0.0-rc.1)");
  CHECK(ds[0].message.find('^') == std::string::npos);
  // The regex travels beside the message, for --format json.
  CHECK(ds[0].pattern.rfind("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)", 0) == 0);
  auto id = validate(Kind::IntegrationPack, replace(kPack, "8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b", "8f6a2c1e"));
  REQUIRE_FALSE(id.empty());
  CHECK(id[0].message.find("use a component id: 8-4-4-4-12 hexadecimal digits") != std::string::npos);
}

TEST_CASE("a pattern is checked on the whole of a long value, its end too", "[schema]") {
  std::string valid = "1.2.3-" + std::string(2100, 'a');
  CHECK(validate(Kind::IntegrationPack, replace(kPack, "version: 2.4.0", "version: " + valid)).empty());
  auto junk = validate(Kind::IntegrationPack, replace(kPack, "version: 2.4.0", "version: \"" + valid + "!\""));
  REQUIRE(junk.size() == 1);
  CHECK(junk[0].message.find("is not of the right form: use a semantic version") != std::string::npos);
}

TEST_CASE("a long value is pattern-checked in the middle too, and a megabyte one does not overflow", "[schema]") {
  std::string middle = "1.2.3-" + std::string(1500, 'a') + "!" + std::string(1500, 'a');
  auto ds = validate(Kind::IntegrationPack, replace(kPack, "version: 2.4.0", "version: \"" + middle + "\""));
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].pointer == "/metadata/version");
  CHECK(ds[0].message.find("is not of the right form: use a semantic version") != std::string::npos);
  CHECK_FALSE(ds[0].pattern.empty());
  // Dots cut apart stay valid as a whole: "a." + ".a" is not where the value was cut.
  std::string dotted = "1.2.3-";
  for (int i = 0; i < 1500; ++i) dotted += "a.";
  dotted += "a";
  CHECK(validate(Kind::IntegrationPack, replace(kPack, "version: 2.4.0", "version: " + dotted)).empty());
  std::string huge = "1.2.3-" + std::string(3 << 20, 'a');
  CHECK(validate(Kind::IntegrationPack, replace(kPack, "version: 2.4.0", "version: " + huge)).empty());
}

TEST_CASE("the config schema", "[schema]") {
  CHECK(validate(Kind::Config, "apiVersion: ipack/v1\nkind: Config\naccount:\n  features: [multi-install]\n").empty());
  auto ds = validate(Kind::Config, "apiVersion: ipack/v1\nkind: Config\naccount:\n  features: [multi-instal]\n");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].column == 14);
  CHECK(ds[0].message.find("did you mean \"multi-install\"") != std::string::npos);
}

}  // namespace ipack

namespace ipack {
TEST_CASE("a lone surrogate escape is a syntax finding, not a crash", "[schema]") {
  SourceFile source("m.yaml", replace(kPack, "installation: single", "installation: \"\\uD800x\""));
  std::vector<Diagnostic> out;
  CHECK_FALSE(read_yaml(source, out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].rule == "yaml-syntax");
}
}  // namespace ipack

namespace ipack {

// prepare_schema compiles the schema's patterns once for the process; each thread that checks a
// manifest afterwards takes them from there. The findings must be those valijson gives with
// patterns it compiles itself.
TEST_CASE("patterns compiled once for the process give the same findings on every thread", "[schema]") {
  std::string bad = replace(replace(replace(kPack, "crm-sync", "CRM_Sync"), "2.4.0", "\"2.4\""),
                            "8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b", "8f6a2c1e");
  auto rules_and_messages = [](const std::vector<Diagnostic>& findings) {
    std::vector<std::string> out;
    for (const auto& d : findings) out.push_back(d.rule + ": " + d.message);
    return out;
  };
  std::vector<std::string> before, after[2];
  std::thread([&] { before = rules_and_messages(validate(Kind::IntegrationPack, bad)); }).join();
  prepare_schema(Kind::IntegrationPack);
  std::thread a([&] { after[0] = rules_and_messages(validate(Kind::IntegrationPack, bad)); });
  std::thread b([&] { after[1] = rules_and_messages(validate(Kind::IntegrationPack, bad)); });
  a.join();
  b.join();
  REQUIRE(before.size() == 3);  // the name, the version and the component id
  for (const auto& f : before) {
    INFO(f);
    CHECK(f.find("is not of the right form") != std::string::npos);
  }
  CHECK(after[0] == before);
  CHECK(after[1] == before);
  CHECK(rules_and_messages(validate(Kind::IntegrationPack, kPack)).empty());
}

}  // namespace ipack
