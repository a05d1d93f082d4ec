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

const char* const kSectionLists[6] = {"operations", "tradingPartners", "objectDefinitions",
                                      "dataMaps", "crossReferences", "pgpCertificates"};

namespace {

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
  std::map<std::pair<std::string, std::string>, bool> connection_secret;  // by a process's field xpath
  std::map<std::string, std::set<std::string>> dynamic;
  std::map<SectionExtension, std::set<std::string>> sections;
  if (components)
    for (const auto& p : components->closures) {
      if (p.primary->type != "process") continue;
      const DeclaredExtensions& declared = p.primary->extensions;
      for (const auto& f : declared.connection_fields) {
        connections[f].insert(p.primary->id);
        const Component* connection = components->graph.find(f.first);
        auto list = declared.field_lists.find(f.first);
        if (connection && list != declared.field_lists.end())
          for (const auto& field : list->second)
            if (field.id == f.second && is_secret_xpath(*connection, field.xpath)) connection_secret[f] = true;
      }
      for (const auto& k : declared.process_properties) properties[k].insert(p.primary->id);
      for (const auto& n : declared.dynamic_properties) dynamic[n].insert(p.primary->id);
      for (const auto& e : declared.sections) sections[e].insert(p.primary->id);
    }
  json out = {{"connections", json::array()}, {"processProperties", json::array()}, {"dynamicProcessProperties", json::array()}};
  for (const char* list : kSectionLists) out[list] = json::array();
  // Plain names, not structured bindings: lambdas below capture them (C++17).
  for (const auto& entry : connections) {
    const auto& key = entry.first;
    const auto& processes = entry.second;
    const Component* connection = components->graph.find(key.first);
    bool secret = connection ? connection->secret_fields.count(key.second) > 0 || connection_secret.count(key)
                             : key.second == "password";
    json e = {{"connection", key.first}, {"field", key.second}, {"processes", processes}, {"secret", secret}};
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
  for (const auto& entry : sections) {
    const SectionExtension& x = entry.first;
    const Component* target = components->graph.find(x.component);
    bool secret = !x.field.empty() && target &&
                  (target->secret_fields.count(x.field) > 0 || (!x.xpath.empty() && is_secret_xpath(*target, x.xpath)));
    json e = {{"component", x.component}, {"processes", entry.second}, {"secret", secret}};
    if (!x.field.empty()) e["field"] = x.field;
    add_attributes(e, manifest_entry(x.section.c_str(), [&](const json& m) {
                     return id_of(pack_view::string_member(&m, "component").value_or("")) == x.component &&
                            pack_view::string_member(&m, "field").value_or("") == x.field;
                   }));
    out[x.section].push_back(e);
  }
  return out;
}

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

// The Update request bodies against the last release: Boomi's OpenAPI document makes
// `operationType` (ADD or DELETE) an attribute of the PublisherIntegrationPack, so there is one
// body per operation, each listing the packaged components it adds or removes. None when
// nothing was added or removed.
std::vector<std::pair<std::string, json>> platform_updates(const json& manifest, const json& packages, const json& previous) {
  std::set<std::string> before, now;
  const json* listed = pack_view::member(&previous, "packages");
  if (listed && listed->is_array())
    for (const auto& p : *listed)
      if (auto id = pack_view::string_member(&p, "component")) before.insert(*id);
  for (const auto& p : packages) now.insert(p["component"].get<std::string>());
  json added = json::array(), removed = json::array();
  for (const auto& p : packages) {
    if (before.count(p["component"].get<std::string>())) continue;
    json c = {{"@type", "PublisherPackagedComponent"}, {"componentId", p["component"]}};
    if (p.contains("packageVersion")) c["pendingVersion"] = p["packageVersion"];
    added.push_back(c);
  }
  for (const auto& id : before)
    if (!now.count(id)) removed.push_back({{"@type", "PublisherPackagedComponent"}, {"componentId", id}});
  std::vector<std::pair<std::string, json>> out;
  for (const auto& [operation, list] : {std::pair<const char*, const json*>{"ADD", &added}, {"DELETE", &removed}}) {
    if (list->empty()) continue;
    json body = platform_publisher(manifest, json::array());
    body["operationType"] = operation;
    body["PublisherPackagedComponents"]["PublisherPackagedComponent"] = *list;
    out.emplace_back(fmt::format("platform/update/PublisherIntegrationPack.{}.json", operation), std::move(body));
  }
  return out;
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

Result<CompiledPack> compile_pack(const json& manifest, const PackComponents* components, int64_t built_at,
                                  const json* previous) {
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
  if (previous)
    for (const auto& [name, body] : platform_updates(manifest, packages, *previous)) out.entries.push_back(in_memory(name, body));
  for (auto& [component, entry] : exports) out.entries.push_back(std::move(entry));
  std::sort(out.entries.begin(), out.entries.end(), [](const BundleEntry& a, const BundleEntry& b) { return a.name < b.name; });
  return out;
}

}  // namespace ipack
