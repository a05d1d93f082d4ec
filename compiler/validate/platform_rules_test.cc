// Unit tests for the platform rules: each rule alone, on manifests given as strings.
#include <cstdio>

#include <catch2/catch.hpp>

#include "validate/manifest_check.h"

namespace ipack {
namespace {

const char* kHeader = R"(apiVersion: ipack/v1
kind: IntegrationPack
metadata:
  name: crm-sync
  displayName: CRM Sync
  description: Keeps accounts in sync.
  version: 2.4.0
  publisher: Acme
)";

// A package entry; it declares `type: process` unless `extra` gives a type (without an
// export, a package needs one: missing-component).
std::string package(const std::string& id,
                    const std::string& extra = "      packageVersion: \"1.0\"\n      shareable: true\n") {
  std::string entry = "    - component: " + id + "\n" + extra;
  if (extra.find("type:") == std::string::npos) entry += "      type: process\n";
  return entry;
}

const std::string kId1 = "8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
const std::string kId2 = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

// These manifests have no components folder, so each package also gets closure-unchecked
// (tested in component_rules_test.cc); it is turned off here as a config would.
std::vector<Diagnostic> check_rules(const std::string& spec, CheckSettings settings = {}) {
  if (settings.today == CivilDate{}) settings.today = CivilDate{2026, 11, 24};
  settings.severities["closure-unchecked"] = std::nullopt;
  SourceFile source("pack.yaml", std::string(kHeader) + spec);
  auto diagnostics = check_manifest(source, settings).diagnostics;
  sort_and_deduplicate(diagnostics);
  return diagnostics;
}

std::vector<std::string> rules_of(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.rule);
  return out;
}

using Rules = std::vector<std::string>;

// A distinct GUID per number.
std::string fmt_guid(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-000000000000", n);
  return buf;
}

}  // namespace

TEST_CASE("a clean pack has no finding", "[rules]") {
  CHECK(check_rules("spec:\n  installation: single\n  packages:\n" + package(kId1) + package(kId2)).empty());
}

TEST_CASE("pack-limit reports the 101st package once, not also as a schema finding", "[rules]") {
  std::string packages;
  for (int i = 0; i < 101; ++i) packages += package(fmt_guid(i));
  auto ds = check_rules("spec:\n  installation: single\n  packages:\n" + packages);
  REQUIRE(rules_of(ds) == Rules{"pack-limit"});
  CHECK(ds[0].line == 12 + 100 * 4);
  CHECK(ds[0].message.find("101 packages") != std::string::npos);
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += package(fmt_guid(i));
  CHECK(check_rules("spec:\n  installation: single\n  packages:\n" + hundred).empty());
}

TEST_CASE("duplicate-package compares ids without case, at the second", "[rules]") {
  std::string upper = "8F6A2C1E-3B4D-4E5F-9A0B-1C2D3E4F5A6B";
  auto ds = check_rules("spec:\n  installation: single\n  packages:\n" + package(kId1) + package(upper));
  REQUIRE(rules_of(ds) == Rules{"duplicate-package"});
  CHECK(ds[0].line == 16);
  CHECK(ds[0].column == 18);
  CHECK(ds[0].message.find("line 12") != std::string::npos);
}

TEST_CASE("not-shareable: false at the value, missing at the entry", "[rules]") {
  auto ds = check_rules("spec:\n  installation: single\n  packages:\n" +
                        package(kId1, "      packageVersion: \"1.0\"\n      shareable: false\n") +
                        package(kId2, "      packageVersion: \"1.0\"\n"));
  REQUIRE(rules_of(ds) == Rules{"not-shareable", "not-shareable"});
  CHECK(ds[0].line == 14);
  CHECK(ds[0].column == 18);
  CHECK(ds[1].line == 16);  // after the first entry's `type: process`
  CHECK(ds[1].column == 7);
}

TEST_CASE("not-shareable does not apply to legacy packs, nor not-published to packaged ones", "[rules]") {
  auto legacy = check_rules("spec:\n  installation: single\n  deployment: legacy\n  packages:\n" +
                            package(kId1, "      published: true\n"));
  CHECK(legacy.empty());
  auto unpublished = check_rules("spec:\n  installation: single\n  deployment: legacy\n  packages:\n" +
                                 package(kId1, "      published: false\n"));
  CHECK(rules_of(unpublished) == Rules{"not-published"});
}

TEST_CASE("deployment-fields", "[rules]") {
  SECTION("packaged without packageVersion") {
    auto ds = check_rules("spec:\n  installation: single\n  packages:\n" + package(kId1, "      shareable: true\n"));
    CHECK(rules_of(ds) == Rules{"deployment-fields"});
  }
  SECTION("legacy with packageVersion and shareable: one finding per key") {
    auto ds =
        check_rules("spec:\n  installation: single\n  deployment: legacy\n  packages:\n" +
                    package(kId1, "      packageVersion: \"1.0\"\n      shareable: true\n      published: true\n"));
    CHECK(rules_of(ds) == Rules{"deployment-fields", "deployment-fields"});
  }
  SECTION("packaged with published") {
    auto ds =
        check_rules("spec:\n  installation: single\n  packages:\n" +
                    package(kId1, "      packageVersion: \"1.0\"\n      shareable: true\n      published: true\n"));
    CHECK(rules_of(ds) == Rules{"deployment-fields"});
  }
}

TEST_CASE("primary-type says why each kind of component is refused", "[rules]") {
  auto with_type = [](const std::string& type) {
    return check_rules(
        "spec:\n  installation: single\n  packages:\n" +
        package(kId1, "      packageVersion: \"1.0\"\n      shareable: true\n      type: " + type + "\n"));
  };
  for (const char* type : {"processroute", "certificate", "customlibrary"}) {
    auto ds = with_type(type);
    REQUIRE(rules_of(ds) == Rules{"primary-type"});
    CHECK(ds[0].message.find("not available to managed accounts") != std::string::npos);
  }
  for (const char* type : {"flowservice", "tpgroup", "webservice.external"}) {
    auto ds = with_type(type);
    REQUIRE(rules_of(ds) == Rules{"primary-type"});
    CHECK(ds[0].message.find("cannot be shared") != std::string::npos);
  }
  auto map = with_type("transform.map");
  REQUIRE(rules_of(map) == Rules{"primary-type"});
  CHECK(map[0].message.find("must be a process or an API Service") != std::string::npos);
  CHECK(with_type("webservice").empty());
}

TEST_CASE("multi-install packs: API Services and the account feature", "[rules]") {
  std::string multi = "spec:\n  installation: multi\n  packages:\n";
  CheckSettings with_feature;
  with_feature.features.enabled.insert("multi-install");
  CHECK(check_rules(multi + package(kId1), with_feature).empty());
  auto api = check_rules(
      multi + package(kId1, "      packageVersion: \"1.0\"\n      shareable: true\n      type: webservice\n"),
      with_feature);
  CHECK(rules_of(api) == Rules{"multi-install-api-service"});
  auto no_feature = check_rules(multi + package(kId1));
  REQUIRE(rules_of(no_feature) == Rules{"account-feature"});
  CHECK(no_feature[0].line == 10);
  CHECK(no_feature[0].column == 17);
}

TEST_CASE("account-feature in a config: multi-install needs integration pack management", "[rules]") {
  auto config = [](const std::string& features) {
    SourceFile source(".ipack.yaml", "apiVersion: ipack/v1\nkind: Config\naccount:\n  features: " + features + "\n");
    return check_manifest(source, {}).diagnostics;
  };
  CHECK(rules_of(config("[multi-install]")) == Rules{"account-feature"});
  CHECK(config("[integration-pack-management, multi-install]").empty());
  CHECK(config("[]").empty());
}

TEST_CASE("description-length and name-length count characters, once, under the rule", "[rules]") {
  std::string spec = "spec:\n  installation: single\n  packages:\n" + package(kId1);
  auto with = [&](const std::string& description, const std::string& display) {
    SourceFile source("pack.yaml",
                      "apiVersion: ipack/v1\nkind: IntegrationPack\nmetadata:\n  name: x\n  displayName: \"" + display +
                          "\"\n  description: \"" + description + "\"\n  version: 1.0.0\n  publisher: Acme\n" + spec);
    CheckSettings s;
    s.today = {2026, 11, 24};
    s.severities["closure-unchecked"] = std::nullopt;
    return check_manifest(source, s).diagnostics;
  };
  std::string e500, e501;
  for (int i = 0; i < 500; ++i) e500 += "é";
  e501 = e500 + "é";
  CHECK(with(e500, "ok").empty());
  CHECK(rules_of(with(e501, "ok")) == Rules{"description-length"});
  CHECK(rules_of(with("ok", std::string(256, 'n'))) == Rules{"name-length"});
  CHECK(with("ok", std::string(255, 'n')).empty());
}

TEST_CASE("release-date", "[rules]") {
  std::string packages = "  packages:\n" + package(kId1);
  auto release = [&](const std::string& r) {
    return check_rules("spec:\n  installation: single\n  release:\n" + r + packages);
  };
  CHECK(release("    schedule: on-date\n    date: 2026-11-24\n").empty());  // today is fine
  CHECK(release("    schedule: immediate\n").empty());
  auto past = release("    schedule: on-date\n    date: 2026-11-23\n");
  REQUIRE(rules_of(past) == Rules{"release-date"});
  CHECK(past[0].message.find("in the past") != std::string::npos);
  CHECK(rules_of(release("    schedule: on-date\n")) == Rules{"release-date"});
  CHECK(rules_of(release("    date: 2027-01-01\n")) == Rules{"release-date"});
  auto no_such_day = release("    schedule: on-date\n    date: 2027-02-29\n");
  REQUIRE(rules_of(no_such_day) == Rules{"release-date"});
  CHECK(no_such_day[0].message.find("does not exist") != std::string::npos);
  CHECK(release("    schedule: on-date\n    date: 2028-02-29\n").empty());
  CHECK(rules_of(release("    schedule: on-date\n    date: 2027-1-1\n")) == Rules{"release-date"});
}

}  // namespace ipack
