#include "bundle/pack_compiler.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "bundle/canonical_json.h"
#include "base/digest.h"
#include "pack/package_exports.h"
#include "pack/pack_view.h"

namespace ipack {
namespace {

using nlohmann::json;

std::string id_of(const std::string& value) {
  std::string id = normalise_component_id(value);
  return id.empty() ? value : id;
}

}  // namespace

namespace {

json normalised_metadata(const json& manifest) {
  json out = json::object();
  const json* metadata = pack_view::member(&manifest, "metadata");
  for (const char* key : {"name", "displayName", "description", "version", "publisher", "homepage"})
    if (auto v = pack_view::string_member(metadata, key)) out[key] = *v;
  return out;
}

json normalised_spec(const json& manifest) {
  const json* spec = pack_view::member(&manifest, "spec");
  const json* release = pack_view::member(spec, "release");
  json out = {{"installation", *pack_view::installation(manifest)},
              {"deployment", *pack_view::deployment(manifest)},
              {"components", pack_view::string_member(spec, "components").value_or("components")},
              {"release", {{"schedule", pack_view::string_member(release, "schedule").value_or("immediate")}}}};
  if (auto date = pack_view::string_member(release, "date")) out["release"]["date"] = *date;
  return out;
}

}  // namespace

// What the packaged processes declare overrideable, with what the manifest adds to each.
json merged_extensions(const json& manifest, const PackComponents* components) {
  const json* listed = pack_view::member(pack_view::member(&manifest, "spec"), "extensions");
  auto manifest_entry = [&](const char* list, auto&& matches) -> const json* {
    const json* entries = pack_view::member(listed, list);
    if (entries && entries->is_array())
      for (const auto& e : *entries)
        if (matches(e)) return &e;
    return nullptr;
  };
  auto add_attributes = [](json& out, const json* entry) {
    out["required"] = entry && pack_view::member(entry, "required") ? (*entry)["required"] : json(false);
    for (const char* key : {"pattern", "default", "description"})
      if (auto v = pack_view::string_member(entry, key)) out[key] = *v;
  };
  std::map<std::pair<std::string, std::string>, std::set<std::string>> connections, properties;
  std::map<std::string, std::set<std::string>> dynamic;
  if (components)
    for (const auto& p : components->closures) {
      if (p.primary->type != "process") continue;
      for (const auto& f : p.primary->extensions.connection_fields) connections[f].insert(p.primary->id);
      for (const auto& k : p.primary->extensions.process_properties) properties[k].insert(p.primary->id);
      for (const auto& n : p.primary->extensions.dynamic_properties) dynamic[n].insert(p.primary->id);
    }
  json out = {{"connections", json::array()}, {"processProperties", json::array()}, {"dynamicProcessProperties", json::array()}};
  // Plain names, not structured bindings: lambdas below capture them (C++17).
  for (const auto& entry : connections) {
    const auto& key = entry.first;
    const auto& processes = entry.second;
    const Component* connection = components->graph.find(key.first);
    json e = {{"connection", key.first}, {"field", key.second}, {"processes", processes},
              {"secret", connection ? connection->secret_fields.count(key.second) > 0 : key.second == "password"}};
    add_attributes(e, manifest_entry("connections", [&](const json& m) {
                     return id_of(pack_view::string_member(&m, "connection").value_or("")) == key.first &&
                            pack_view::string_member(&m, "field") == key.second;
                   }));
    out["connections"].push_back(e);
  }
  for (const auto& entry : properties) {
    const auto& key = entry.first;
    const auto& processes = entry.second;
    const Component* property = components->graph.find(key.first);
    json e = {{"component", key.first}, {"key", key.second}, {"processes", processes},
              {"secret", property ? property->secret_property_keys.count(key.second) > 0 : false}};
    add_attributes(e, manifest_entry("processProperties", [&](const json& m) {
                     return id_of(pack_view::string_member(&m, "component").value_or("")) == key.first &&
                            id_of(pack_view::string_member(&m, "key").value_or("")) == key.second;
                   }));
    out["processProperties"].push_back(e);
  }
  for (const auto& entry : dynamic) {
    const auto& name = entry.first;
    const auto& processes = entry.second;
    json e = {{"name", name}, {"processes", processes}};
    add_attributes(e, manifest_entry("dynamicProcessProperties",
                                     [&](const json& m) { return pack_view::string_member(&m, "name") == name; }));
    out["dynamicProcessProperties"].push_back(e);
  }
  return out;
}

namespace {

json platform_publisher(const json& manifest, const json& packages) {
  json list = json::array();
  for (const auto& p : packages) {
    json c = {{"@type", "PublisherPackagedComponent"}, {"componentId", p["component"]}};
    if (p.contains("packageVersion")) c["pendingVersion"] = p["packageVersion"];
    list.push_back(c);
  }
  const json* metadata = pack_view::member(&manifest, "metadata");
  return {{"@type", "PublisherIntegrationPack"},
          {"name", *pack_view::string_member(metadata, "displayName")},
          {"Description", *pack_view::string_member(metadata, "description")},
          {"installationType", *pack_view::installation(manifest) == "multi" ? "MULTI" : "SINGLE"},
          {"PublisherPackagedComponents", {{"@type", "PublisherPackagedComponents"}, {"PublisherPackagedComponent", list}}}};
}

json platform_release(const json& manifest, const json& spec, const json& packages) {
  json list = json::array();
  for (const auto& p : packages) {
    json c = {{"@type", "ReleasePackagedComponent"}, {"componentId", p["component"]}};
    if (p.contains("packageVersion")) c["version"] = p["packageVersion"];
    list.push_back(c);
  }
  const json* metadata = pack_view::member(&manifest, "metadata");
  json release = {{"@type", "ReleaseIntegrationPack"},
                  {"name", *pack_view::string_member(metadata, "displayName")},
                  {"installationType", spec["installation"] == "multi" ? "MULTI" : "SINGLE"},
                  {"releaseSchedule", spec["release"]["schedule"] == "on-date" ? "RELEASE_ON_SPECIFIED_DATE" : "IMMEDIATELY"},
                  {"ReleasePackagedComponents", {{"@type", "ReleasePackagedComponents"}, {"ReleasePackagedComponent", list}}}};
  if (spec["release"].contains("date")) release["releaseOnDate"] = spec["release"]["date"];
  return release;
}

}  // namespace

std::string bundle_file_name(const json& manifest) {
  const json* metadata = pack_view::member(&manifest, "metadata");
  return fmt::format("{}-{}.ipack", pack_view::string_member(metadata, "name").value_or("pack"),
                     pack_view::string_member(metadata, "version").value_or("0.0.0"));
}

Result<CompiledPack> compile_pack(const json& manifest, const PackComponents* components, int64_t built_at) {
  CompiledPack out;
  std::string error;
  std::map<const Component*, BundleEntry> exports;  // each export read once, whatever shares it
  auto export_entry = [&](const Component* c) -> const BundleEntry* {
    auto it = exports.find(c);
    if (it != exports.end()) return &it->second;
    BundleEntry e;
    e.name = fmt::format("components/{}.xml", c->id);
    e.file = c->file;
    auto digest = digest_file(e.file);
    if (!digest) {
      error = digest.error();
      return nullptr;
    }
    e.sha256 = digest->sha256;
    e.size = digest->size;
    return &exports.emplace(c, std::move(e)).first->second;
  };

  json packages = json::array();
  const json* listed = pack_view::packages(manifest);
  for (size_t i = 0; listed && i < listed->size(); ++i) {
    const json& m = (*listed)[i];
    json p = {{"component", id_of(*pack_view::string_member(&m, "component"))}};
    for (const char* key : {"packageVersion", "notes"})
      if (auto v = pack_view::string_member(&m, key)) p[key] = *v;
    for (const char* key : {"shareable", "published"})
      if (const json* v = pack_view::member(&m, key)) p[key] = *v;
    const PackageClosure* packaged = nullptr;  // the closure the checks computed, when there is one
    if (components)
      for (const auto& c : components->closures)
        if (c.index == i) packaged = &c;
    const Component* primary = packaged ? packaged->primary : nullptr;
    p["type"] = primary ? primary->type : pack_view::string_member(&m, "type").value_or("");
    p["name"] = primary ? primary->name : pack_view::string_member(&m, "name").value_or("");
    p["closure"] = nullptr;  // unknown without the primary's export (closure-unchecked)
    if (primary) {
      const Closure& closure = packaged->closure;
      json members = json::array(), edges = json::array();
      std::vector<const Component*> sorted = closure.members;
      std::sort(sorted.begin(), sorted.end(), [](const Component* a, const Component* b) { return a->id < b->id; });
      std::set<std::pair<std::string, std::string>> edge_set;
      for (const Component* c : sorted) {
        const BundleEntry* e = export_entry(c);
        if (!e) return Error{error};
        members.push_back({{"id", c->id}, {"type", c->type}, {"name", c->name}, {"version", c->version}, {"sha256", e->sha256}});
        for (const Edge& edge : components->graph.edges_of(*c))
          if (edge.to && ComponentGraph::is_dependency(edge) && closure.contains(edge.to))
            edge_set.emplace(c->id, edge.to->id);
      }
      for (const auto& [from, to] : edge_set) edges.push_back({from, to});
      p["closure"] = {{"components", members}, {"edges", edges}};
    }
    packages.push_back(p);
  }

  json spec = normalised_spec(manifest);
  out.pack = {{"format", "ipack-bundle/1"},
              {"metadata", normalised_metadata(manifest)},
              {"spec", spec},
              {"packages", packages},
              {"extensions", merged_extensions(manifest, components)},
              {"builtAt", built_at}};

  auto in_memory = [](std::string name, const json& body) {
    BundleEntry e;
    e.name = std::move(name);
    e.content = canonical_json(body);
    e.sha256 = sha256_hex(e.content);
    e.size = e.content.size();
    return e;
  };
  out.entries.push_back(in_memory("platform/PublisherIntegrationPack.json", platform_publisher(manifest, packages)));
  out.entries.push_back(in_memory("platform/ReleaseIntegrationPack.json", platform_release(manifest, spec, packages)));
  for (auto& [component, entry] : exports) out.entries.push_back(std::move(entry));
  std::sort(out.entries.begin(), out.entries.end(), [](const BundleEntry& a, const BundleEntry& b) { return a.name < b.name; });
  return out;
}

}  // namespace ipack
