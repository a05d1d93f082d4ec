#include "bundle/pack_compiler.h"

#include <algorithm>
#include <map>

#include <tuple>

#include <catch2/catch.hpp>

#include "base/digest.h"
#include "bundle/canonical_json.h"

namespace ipack {
namespace {

using nlohmann::json;

json manifest_json() {
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

TEST_CASE("with --previous, the Update bodies, one per operationType, as Boomi's OpenAPI document names them",
          "[bundle]") {
  json previous = json::parse(R"({"packages": [{"component": "7d2e9a41-3c58-4f0b-a1e6-94b0c2d7f315"},
                                               {"component": "a7c9e1f3-b5d6-4a8c-8e2f-b4d6f8a0c2f4"}]})");
  CompiledPack p = compile_pack(read_pack_model(manifest_json()), nullptr, 0, &previous).take();
  const BundleEntry* add = entry(p, "platform/update/PublisherIntegrationPack.ADD.json");
  const BundleEntry* del = entry(p, "platform/update/PublisherIntegrationPack.DELETE.json");
  REQUIRE(add);
  REQUIRE(del);
  CHECK(json::parse(add->content) ==
        json::parse(
            R"({"@type": "PublisherIntegrationPack", "name": "Northwind Fulfilment", "Description": "Ships orders.",
          "installationType": "SINGLE", "operationType": "ADD",
          "PublisherPackagedComponents": {"@type": "PublisherPackagedComponents", "PublisherPackagedComponent": [
            {"@type": "PublisherPackagedComponent", "componentId": "e5a7c9d1-f3b4-4e6a-8c0d-f2b4d6f8b0d2", "pendingVersion": "1.0"}]}})"));
  CHECK(json::parse(del->content)["operationType"] == "DELETE");
  CHECK(json::parse(del->content)["PublisherPackagedComponents"]["PublisherPackagedComponent"] ==
        json::parse(
            R"([{"@type": "PublisherPackagedComponent", "componentId": "a7c9e1f3-b5d6-4a8c-8e2f-b4d6f8a0c2f4"}])"));
  CHECK(std::is_sorted(p.entries.begin(), p.entries.end(),
                       [](const BundleEntry& a, const BundleEntry& b) { return a.name < b.name; }));
}

TEST_CASE("no Update body without --previous, nor for an operation with nothing to do", "[bundle]") {
  CHECK_FALSE(entry(compile_pack(read_pack_model(manifest_json()), nullptr, 0).take(),
                    "platform/update/PublisherIntegrationPack.ADD.json"));
  json previous = json::parse(R"({"packages": [{"component": "7d2e9a41-3c58-4f0b-a1e6-94b0c2d7f315"}]})");
  CompiledPack p = compile_pack(read_pack_model(manifest_json()), nullptr, 0, &previous).take();
  CHECK(entry(p, "platform/update/PublisherIntegrationPack.ADD.json"));
  CHECK_FALSE(entry(p, "platform/update/PublisherIntegrationPack.DELETE.json"));
}

}  // namespace ipack

namespace ipack {

TEST_CASE("pack.json extensions: secrets by the process's field xpath, for connections and other sections",
          "[bundle]") {
  const std::string P = "7d2e9a41-3c58-4f0b-a1e6-94b0c2d7f315", C = "92c5f1d8-4a7e-4b03-b9d6-1e8a2c4f7053",
                    O = "b8e31d05-7f4a-4c29-86d1-2e5a9c0f4b73";
  Component process, connection, operation;
  process.id = P, process.type = "process", process.name = "Listener";
  connection.id = C, connection.type = "connector-settings", connection.name = "Warehouse";
  operation.id = O, operation.type = "connector-action", operation.name = "Listen";
  for (Component* c : {&process, &connection, &operation}) c->file = "/dev/null";  // digested: empty
  // A connection whose password the process lists under its own id, by the path the
  // connection's encryptedValue names (no field of the connection's own is known).
  connection.secret_paths = {"HttpSettings/AuthSettings/@password"};
  operation.secret_paths = {"Operation/Configuration/Auth/@token"};
  process.extensions.connection_fields = {{C, "url"}, {C, "secretKey"}};
  process.extensions.field_lists[C] = {{"url", "URL", "HttpSettings/@url", true, ""},
                                       {"secretKey", "Key", "HttpSettings/AuthSettings/@password", true, ""}};
  process.extensions.sections = {{"operations", O, "token", "Operation/Configuration/Auth/@token"},
                                 {"operations", O, "threads", "Operation/Configuration/@threads"}};
  for (Component* c : {&connection, &operation}) {
    RawReference r;
    r.target = c->id;
    r.element = "connectoraction";
    r.attribute = c == &connection ? "connectionId" : "operationId";
    r.in_table = true;
    process.references.push_back(r);
  }
  PackComponents components{ComponentGraph({process, connection, operation}), {}, true};
  const Component* primary = components.graph.find(P);
  components.closures.push_back({0, primary, components.graph.closure_of(*primary)});
  auto compiled = compile_pack(read_pack_model(manifest_json()), &components, 0);
  REQUIRE(compiled);
  CompiledPack p = std::move(compiled).take();
  std::map<std::string, bool> secret;
  for (const auto& e : p.pack["extensions"]["connections"]) secret[e["field"]] = e["secret"];
  CHECK(secret == std::map<std::string, bool>{{"secretKey", true}, {"url", false}});
  secret.clear();
  for (const auto& e : p.pack["extensions"]["operations"]) secret[e["field"]] = e["secret"];
  CHECK(secret == std::map<std::string, bool>{{"threads", false}, {"token", true}});
  CHECK(p.pack["extensions"]["operations"][0]["component"] == O);

  // The closure, written as canonical text into the tree: members by id with their digests
  // (of /dev/null here), the edges by id, read back as JSON.
  std::string text = canonical_json(p.pack);
  json closure = json::parse(text)["packages"][0]["closure"];
  const std::string empty = sha256_hex("");
  json expected_members = json::array();
  for (const auto& [id, type, name] :
       {std::tuple{O, "connector-action", "Listen"}, std::tuple{P, "process", "Listener"},
        std::tuple{C, "connector-settings", "Warehouse"}}) {
    expected_members.push_back({{"id", id}, {"type", type}, {"name", name}, {"version", ""}, {"sha256", empty}});
  }
  std::sort(expected_members.begin(), expected_members.end(),
            [](const json& a, const json& b) { return a["id"] < b["id"]; });
  CHECK(closure["components"] == expected_members);
  CHECK(closure["edges"] == json::array({json::array({P, C}), json::array({P, O})}));
  CHECK(text.find(canonical_json(closure)) != std::string::npos);  // written as it is, canonical
}

}  // namespace ipack
