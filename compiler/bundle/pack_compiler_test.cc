#include "bundle/pack_compiler.h"

#include <catch2/catch.hpp>

namespace ipack {
namespace {

using nlohmann::json;

json manifest() {
  return json::parse(R"({"apiVersion": "ipack/v1", "kind": "IntegrationPack",
    "metadata": {"name": "fulfilment", "displayName": "Northwind Fulfilment", "description": "Ships orders.",
                 "version": "1.1.0", "publisher": "Northwind"},
    "spec": {"installation": "single", "packages": [
      {"component": "7D2E9A41-3c58-4f0b-a1e6-94b0c2d7f315", "packageVersion": "1.1", "shareable": true, "type": "process"},
      {"component": "e5a7c9d1-f3b4-4e6a-8c0d-f2b4d6f8b0d2", "packageVersion": "1.0", "shareable": true, "type": "process"}]}})");
}

const BundleEntry* entry(const CompiledPack& p, const std::string& name) {
  for (const auto& e : p.entries)
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("with --previous, the Update bodies, one per operationType, as Boomi's OpenAPI document names them", "[bundle]") {
  json previous = json::parse(R"({"packages": [{"component": "7d2e9a41-3c58-4f0b-a1e6-94b0c2d7f315"},
                                               {"component": "a7c9e1f3-b5d6-4a8c-8e2f-b4d6f8a0c2f4"}]})");
  CompiledPack p = compile_pack(manifest(), nullptr, 0, &previous);
  const BundleEntry* add = entry(p, "platform/update/PublisherIntegrationPack.ADD.json");
  const BundleEntry* del = entry(p, "platform/update/PublisherIntegrationPack.DELETE.json");
  REQUIRE(add);
  REQUIRE(del);
  CHECK(json::parse(add->content) ==
        json::parse(R"({"@type": "PublisherIntegrationPack", "name": "Northwind Fulfilment", "Description": "Ships orders.",
          "installationType": "SINGLE", "operationType": "ADD",
          "PublisherPackagedComponents": {"@type": "PublisherPackagedComponents", "PublisherPackagedComponent": [
            {"@type": "PublisherPackagedComponent", "componentId": "e5a7c9d1-f3b4-4e6a-8c0d-f2b4d6f8b0d2", "pendingVersion": "1.0"}]}})"));
  CHECK(json::parse(del->content)["operationType"] == "DELETE");
  CHECK(json::parse(del->content)["PublisherPackagedComponents"]["PublisherPackagedComponent"] ==
        json::parse(R"([{"@type": "PublisherPackagedComponent", "componentId": "a7c9e1f3-b5d6-4a8c-8e2f-b4d6f8a0c2f4"}])"));
  CHECK(std::is_sorted(p.entries.begin(), p.entries.end(),
                       [](const BundleEntry& a, const BundleEntry& b) { return a.name < b.name; }));
}

TEST_CASE("no Update body without --previous, nor for an operation with nothing to do", "[bundle]") {
  CHECK_FALSE(entry(compile_pack(manifest(), nullptr, 0), "platform/update/PublisherIntegrationPack.ADD.json"));
  json previous = json::parse(R"({"packages": [{"component": "7d2e9a41-3c58-4f0b-a1e6-94b0c2d7f315"}]})");
  CompiledPack p = compile_pack(manifest(), nullptr, 0, &previous);
  CHECK(entry(p, "platform/update/PublisherIntegrationPack.ADD.json"));
  CHECK_FALSE(entry(p, "platform/update/PublisherIntegrationPack.DELETE.json"));
}

}  // namespace ipack
