#include "bundle/pack_compiler.h"

#include <algorithm>
#include <future>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "base/digest.h"
#include "bundle/canonical_json.h"
#include "input/json_view.h"

namespace ipack {
namespace {

using nlohmann::json;

std::string id_of(const std::string& value) {
  std::string id = normalise_component_id(value);
  return id.empty() ? value : id;
}

}  // namespace

namespace {

json normalised_metadata(const PackModel& pack) {
  json out = json::object();
  const auto& metadata = pack.metadata;
  for (const auto& [key, field] : {std::pair{"name", &metadata.name},
                                   {"displayName", &metadata.display_name},
                                   {"description", &metadata.description},
                                   {"version", &metadata.version},
                                   {"publisher", &metadata.publisher},
                                   {"homepage", &metadata.homepage}})
    if (*field) out[key] = **field;
  return out;
}

json normalised_spec(const PackModel& pack) {
  const PackRelease& release = pack.release;
  json out = {{"installation", *pack.installation},
              {"deployment", *pack.deployment},
              {"components", pack.components.value_or("components")},
              {"release", {{"schedule", release.schedule.value_or("immediate")}}}};
  if (release.date) out["release"]["date"] = *release.date;
  return out;
}

}  // namespace

// What the packaged processes declare overrideable, with what the manifest adds to each.
json merged_extensions(const PackModel& pack, const PackComponents* components) {
  auto manifest_entry = [&](const std::vector<ExtensionEntry>& entries, auto&& matches) -> const ExtensionEntry* {
    for (const auto& e : entries)
      if (matches(e)) return &e;
    return nullptr;
  };
  auto add_attributes = [](json& out, const ExtensionEntry* entry) {
    out["required"] = entry && entry->required ? *entry->required : false;
    if (!entry) return;
    for (const auto& [key, field] : {std::pair{"pattern", &entry->pattern},
                                     {"default", &entry->default_value},
                                     {"description", &entry->description}})
      if (*field) out[key] = **field;
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
  json out = {{"connections", json::array()},
              {"processProperties", json::array()},
              {"dynamicProcessProperties", json::array()}};
  for (const char* list : PackExtensions::kSectionLists) out[list] = json::array();
  // Plain names, not structured bindings: lambdas below capture them (C++17).
  for (const auto& entry : connections) {
    const auto& key = entry.first;
    const auto& processes = entry.second;
    const Component* connection = components->graph.find(key.first);
    bool secret = connection ? connection->secret_fields.count(key.second) > 0 || connection_secret.count(key)
                             : key.second == "password";
    json e = {{"connection", key.first}, {"field", key.second}, {"processes", processes}, {"secret", secret}};
    add_attributes(e, manifest_entry(pack.extensions.connections, [&](const ExtensionEntry& m) {
                     return id_of(m.connection.value_or("")) == key.first && m.field.value == key.second;
                   }));
    out["connections"].push_back(e);
  }
  for (const auto& entry : properties) {
    const auto& key = entry.first;
    const auto& processes = entry.second;
    const Component* property = components->graph.find(key.first);
    json e = {{"component", key.first},
              {"key", key.second},
              {"processes", processes},
              {"secret", property ? property->secret_property_keys.count(key.second) > 0 : false}};
    add_attributes(e, manifest_entry(pack.extensions.process_properties, [&](const ExtensionEntry& m) {
                     return id_of(m.component.value_or("")) == key.first && id_of(m.key.value_or("")) == key.second;
                   }));
    out["processProperties"].push_back(e);
  }
  for (const auto& entry : dynamic) {
    const auto& name = entry.first;
    const auto& processes = entry.second;
    json e = {{"name", name}, {"processes", processes}};
    add_attributes(e, manifest_entry(pack.extensions.dynamic_process_properties,
                                     [&](const ExtensionEntry& m) { return m.name.value == name; }));
    out["dynamicProcessProperties"].push_back(e);
  }
  for (const auto& entry : sections) {
    const SectionExtension& x = entry.first;
    const Component* target = components->graph.find(x.component);
    bool secret = !x.field.empty() && target &&
                  (target->secret_fields.count(x.field) > 0 || (!x.xpath.empty() && is_secret_xpath(*target, x.xpath)));
    json e = {{"component", x.component}, {"processes", entry.second}, {"secret", secret}};
    if (!x.field.empty()) e["field"] = x.field;
    auto listed = pack.extensions.sections.find(x.section);
    static const std::vector<ExtensionEntry> kNone;
    add_attributes(
        e,
        manifest_entry(listed == pack.extensions.sections.end() ? kNone : listed->second, [&](const ExtensionEntry& m) {
          return id_of(m.component.value_or("")) == x.component && m.field.value_or("") == x.field;
        }));
    out[x.section].push_back(e);
  }
  return out;
}

namespace {

json platform_publisher(const PackModel& pack, const json& packages) {
  json list = json::array();
  for (const auto& p : packages) {
    json c = {{"@type", "PublisherPackagedComponent"}, {"componentId", p["component"]}};
    if (p.contains("packageVersion")) c["pendingVersion"] = p["packageVersion"];
    list.push_back(c);
  }
  return {{"@type", "PublisherIntegrationPack"},
          {"name", *pack.metadata.display_name},
          {"Description", *pack.metadata.description},
          {"installationType", *pack.installation == "multi" ? "MULTI" : "SINGLE"},
          {"PublisherPackagedComponents",
           {{"@type", "PublisherPackagedComponents"}, {"PublisherPackagedComponent", list}}}};
}

// The Update request bodies against the last release: Boomi's OpenAPI document makes
// `operationType` (ADD or DELETE) an attribute of the PublisherIntegrationPack, so there is one
// body per operation, each listing the packaged components it adds or removes. None when
// nothing was added or removed.
std::vector<std::pair<std::string, json>> platform_updates(const PackModel& pack, const json& packages,
                                                           const json& previous) {
  std::set<std::string> before, now;
  const json* listed = json_view::member(&previous, "packages");
  if (listed && listed->is_array())
    for (const auto& p : *listed)
      if (auto id = json_view::string_member(&p, "component")) before.insert(*id);
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
    json body = platform_publisher(pack, json::array());
    body["operationType"] = operation;
    body["PublisherPackagedComponents"]["PublisherPackagedComponent"] = *list;
    out.emplace_back(fmt::format("platform/update/PublisherIntegrationPack.{}.json", operation), std::move(body));
  }
  return out;
}

json platform_release(const PackModel& pack, const json& spec, const json& packages) {
  json list = json::array();
  for (const auto& p : packages) {
    json c = {{"@type", "ReleasePackagedComponent"}, {"componentId", p["component"]}};
    if (p.contains("packageVersion")) c["version"] = p["packageVersion"];
    list.push_back(c);
  }
  json release = {
      {"@type", "ReleaseIntegrationPack"},
      {"name", *pack.metadata.display_name},
      {"installationType", spec["installation"] == "multi" ? "MULTI" : "SINGLE"},
      {"releaseSchedule", spec["release"]["schedule"] == "on-date" ? "RELEASE_ON_SPECIFIED_DATE" : "IMMEDIATELY"},
      {"ReleasePackagedComponents", {{"@type", "ReleasePackagedComponents"}, {"ReleasePackagedComponent", list}}}};
  if (spec["release"].contains("date")) release["releaseOnDate"] = spec["release"]["date"];
  return release;
}

}  // namespace

std::string bundle_file_name(const PackModel& pack) {
  return fmt::format("{}-{}.ipack", pack.metadata.name.value_or("pack"), pack.metadata.version.value_or("0.0.0"));
}

Result<CompiledPack> compile_pack(const PackModel& pack, const PackComponents* components, int64_t built_at,
                                  const json* previous,
                                  const std::function<Status(std::vector<BundleEntry>&)>& read_exports) {
  CompiledPack out;
  // Every export in a closure, once whatever shares it, read (and digested) while pack.json is
  // built; each one's SHA-256 goes in once it is known.
  std::vector<std::pair<std::string, const Component*>> named;  // entry name, component
  if (components) {
    std::unordered_set<const Component*> seen;
    for (const auto& c : components->closures)
      for (const Component* member : c.closure.members)
        if (seen.insert(member).second) named.emplace_back(fmt::format("components/{}.xml", member->id), member);
  }
  std::sort(named.begin(), named.end());
  std::vector<BundleEntry> exports(named.size());
  std::unordered_map<const Component*, size_t> export_index;  // where each member's entry is in `exports`
  export_index.reserve(named.size());
  for (size_t i = 0; i < named.size(); ++i) {
    exports[i].name = std::move(named[i].first);
    exports[i].file = named[i].second->file;
    export_index.emplace(named[i].second, i);
  }
  // The exports are read (and, for a bundle, compressed) while the tree is built; the members'
  // digests are filled in once they are known.
  std::future<Status> read = std::async(std::launch::async, [&]() -> Status {
    if (read_exports) return read_exports(exports);
    for (BundleEntry& e : exports) {
      auto digest = digest_file(e.file);
      if (!digest) return Error{digest.error()};
      e.sha256 = digest->sha256;
      e.size = digest->size;
    }
    return {};
  });
  // Each package's closure is written as canonical text, not built as a tree: pack.json holds
  // every closure member with its digest, megabytes for a large pack, and building, writing and
  // freeing that tree was most of what build does after compressing. A member's digest (64 hex
  // digits) is written in place once its export is read.
  std::vector<std::string> closures(pack.packages.size());
  struct DigestSlot {
    size_t package, offset, entry;
  };
  std::vector<DigestSlot> digests;
  constexpr size_t kDigestChars = 64;

  json packages = json::array();
  packages.get_ref<json::array_t&>().reserve(pack.packages.size());
  for (size_t i = 0; i < pack.packages.size(); ++i) {
    const PackageEntry& m = pack.packages[i];
    json p = json::object();
    p["component"] = id_of(*m.component);
    if (m.package_version) p["packageVersion"] = *m.package_version;
    if (m.notes) p["notes"] = *m.notes;
    if (m.shareable) p["shareable"] = *m.shareable;
    if (m.published) p["published"] = *m.published;
    const PackageClosure* packaged = nullptr;  // the closure the checks computed, when there is one
    if (components)
      for (const auto& c : components->closures)
        if (c.index == m.index) packaged = &c;
    const Component* primary = packaged ? packaged->primary : nullptr;
    p["type"] = primary ? primary->type : m.type.value_or("");
    p["name"] = primary ? primary->name : m.name.value_or("");
    p["closure"] = nullptr;  // unknown without the primary's export (closure-unchecked); else below
    packages.push_back(std::move(p));
    if (!primary) continue;

    // {"components":[{"id","name","sha256","type","version"}...],"edges":[[from,to]...]}, keys in
    // canonical order, members by id, edges by the ids at both ends, each pair once.
    const Closure& closure = packaged->closure;
    std::vector<const Component*> sorted = closure.members;
    std::sort(sorted.begin(), sorted.end(), [](const Component* a, const Component* b) { return a->id < b->id; });
    std::vector<std::pair<const Component*, const Component*>> edge_list;
    std::string& text = closures[i];
    text = "{\"components\":[";
    for (const Component* c : sorted) {
      if (c != sorted.front()) text += ',';
      text += "{\"id\":";
      append_canonical_string(text, c->id);
      text += ",\"name\":";
      append_canonical_string(text, c->name);
      text += ",\"sha256\":\"";
      digests.push_back({i, text.size(), export_index.at(c)});
      text.append(kDigestChars, '0');
      text += "\",\"type\":";
      append_canonical_string(text, c->type);
      text += ",\"version\":";
      append_canonical_string(text, c->version);
      text += '}';
      for (const Edge& edge : components->graph.edges_of(*c))
        if (edge.to && ComponentGraph::is_dependency(edge) && closure.contains(edge.to))
          edge_list.emplace_back(c, edge.to);
    }
    std::sort(edge_list.begin(), edge_list.end(), [](const auto& a, const auto& b) {
      return a.first->id != b.first->id ? a.first->id < b.first->id : a.second->id < b.second->id;
    });
    edge_list.erase(std::unique(edge_list.begin(), edge_list.end(),
                                [](const auto& a, const auto& b) {
                                  return a.first->id == b.first->id && a.second->id == b.second->id;
                                }),
                    edge_list.end());
    text += "],\"edges\":[";
    for (const auto& [from, to] : edge_list) {
      if (text.back() != '[') text += ',';
      text += '[';
      append_canonical_string(text, from->id);
      text += ',';
      append_canonical_string(text, to->id);
      text += ']';
    }
    text += "]}";
  }
  json spec = normalised_spec(pack);
  out.pack = json::object();
  out.pack["format"] = "ipack-bundle/1";
  out.pack["metadata"] = normalised_metadata(pack);
  out.pack["spec"] = spec;
  out.pack["packages"] = std::move(packages);
  out.pack["extensions"] = merged_extensions(pack, components);
  out.pack["builtAt"] = built_at;
  const json& packaged = out.pack["packages"];

  auto in_memory = [](std::string name, const json& body) {
    BundleEntry e;
    e.name = std::move(name);
    e.content = canonical_json(body);
    e.sha256 = sha256_hex(e.content);
    e.size = e.content.size();
    return e;
  };
  out.entries.push_back(in_memory("platform/PublisherIntegrationPack.json", platform_publisher(pack, packaged)));
  out.entries.push_back(in_memory("platform/ReleaseIntegrationPack.json", platform_release(pack, spec, packaged)));
  if (previous)
    for (const auto& [name, body] : platform_updates(pack, packaged, *previous))
      out.entries.push_back(in_memory(name, body));
  // Everything above needs no digest; what follows waits for the exports to be read.
  if (Status done = read.get(); !done) return Error{done.error()};
  for (const DigestSlot& d : digests) {
    const std::string& digest = exports[d.entry].sha256;
    if (digest.size() != kDigestChars) throw std::logic_error("compile_pack: a digest is not 64 hex digits");
    closures[d.package].replace(d.offset, kDigestChars, digest);
  }
  json& listed = out.pack["packages"];
  for (size_t i = 0; i < closures.size(); ++i)
    if (!closures[i].empty()) listed[i]["closure"] = canonical_text(closures[i]);
  for (auto& entry : exports) out.entries.push_back(std::move(entry));
  std::sort(out.entries.begin(), out.entries.end(),
            [](const BundleEntry& a, const BundleEntry& b) { return a.name < b.name; });
  return out;
}

}  // namespace ipack
