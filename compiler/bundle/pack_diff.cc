#include "bundle/pack_diff.h"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "bundle/pack_json_view.h"

namespace ipack {
namespace {

using nlohmann::json;
using namespace pack_json;

// ---- the diff ------------------------------------------------------------------------------

std::map<std::string, json> packages_by_id(const json& pack) {
  std::map<std::string, json> out;
  for (const auto& p : array_of(field(pack, "packages"))) out.emplace(str(p, "component"), p);
  return out;
}

std::map<std::string, json> closure_of(const json& package) {
  std::map<std::string, json> out;
  for (const auto& c : array_of(field(field(package, "closure"), "components"))) out.emplace(str(c, "id"), c);
  return out;
}

json package_summary(const json& p) {
  return {{"component", str(p, "component")},
          {"name", str(p, "name")},
          {"type", str(p, "type")},
          {"packageVersion", str(p, "packageVersion")}};
}

json component_summary(const json& c) {
  return {{"id", str(c, "id")}, {"name", str(c, "name")}, {"type", str(c, "type")}, {"version", str(c, "version")}};
}

// The kinds of extension, how their entries are keyed, and what is compared.
struct ExtensionKind {
  const char* kind;
  std::vector<std::string> keys;
};
const std::vector<ExtensionKind>& extension_kinds() {
  static const std::vector<ExtensionKind> kinds = {
      {"connections", {"connection", "field"}},    {"processProperties", {"component", "key"}},
      {"dynamicProcessProperties", {"name"}},      {"operations", {"component", "field"}},
      {"tradingPartners", {"component", "field"}}, {"objectDefinitions", {"component", "field"}},
      {"dataMaps", {"component", "field"}},        {"crossReferences", {"component", "field"}},
      {"pgpCertificates", {"component", "field"}}};
  return kinds;
}

// Names of components by id, from both bundles' closures (the newer name wins).
std::map<std::string, std::string> component_names(const json& old_pack, const json& new_pack) {
  std::map<std::string, std::string> names;
  for (const json* pack : {&old_pack, &new_pack})
    for (const auto& p : array_of(field(*pack, "packages")))
      for (const auto& [id, c] : closure_of(p)) names[id] = str(c, "name");
  return names;
}

json extension_entry(const ExtensionKind& kind, const std::vector<std::string>& key, const json& e,
                     const std::map<std::string, std::string>& names) {
  json out = {{"kind", kind.kind}};
  for (size_t i = 0; i < kind.keys.size(); ++i) out[kind.keys[i]] = key[i];
  if (kind.keys[0] != "name") {
    auto it = names.find(key[0]);
    out["componentName"] = it == names.end() ? json() : json(it->second);
  }
  if (!e.is_null())
    for (const auto& a : kExtensionAttributes)
      if (!field(e, a).is_null()) out[a] = field(e, a);
  return out;
}

json diff_extensions(const json& old_pack, const json& new_pack) {
  auto names = component_names(old_pack, new_pack);
  json added = json::array(), removed = json::array(), changed = json::array();
  for (const auto& kind : extension_kinds()) {
    using Entries = std::map<std::vector<std::string>, json>;
    auto entries = [&](const json& pack) {
      Entries out;
      for (const auto& e : array_of(field(field(pack, "extensions"), kind.kind))) {
        std::vector<std::string> key;
        for (const auto& k : kind.keys) key.push_back(str(e, k));
        out.emplace(std::move(key), e);
      }
      return out;
    };
    Entries a = entries(old_pack), b = entries(new_pack);
    for (const auto& [key, e] : b)
      if (!a.count(key)) added.push_back(extension_entry(kind, key, e, names));
    for (const auto& [key, e] : a) {
      auto it = b.find(key);
      if (it == b.end()) {
        removed.push_back(extension_entry(kind, key, e, names));
        continue;
      }
      json changes = json::array();
      for (const auto& attr : kExtensionAttributes)
        if (field(e, attr) != field(it->second, attr))
          changes.push_back({{"field", attr}, {"from", field(e, attr)}, {"to", field(it->second, attr)}});
      if (changes.empty()) continue;
      json entry = extension_entry(kind, key, json(), names);
      entry["changes"] = changes;
      changed.push_back(entry);
    }
  }
  return {{"added", added}, {"removed", removed}, {"changed", changed}};
}

json diff_packages(const json& old_pack, const json& new_pack, json& warnings) {
  auto a = packages_by_id(old_pack), b = packages_by_id(new_pack);
  json added = json::array(), removed = json::array(), reversioned = json::array(), closure_changed = json::array(),
       updated = json::array();
  for (const auto& [id, p] : b)
    if (!a.count(id)) added.push_back(package_summary(p));
  for (const auto& [id, old_p] : a) {
    auto it = b.find(id);
    if (it == b.end()) {
      removed.push_back(package_summary(old_p));
      continue;
    }
    const json& new_p = it->second;
    std::string from = str(old_p, "packageVersion"), to = str(new_p, "packageVersion");
    if (from != to)
      reversioned.push_back(
          {{"component", id}, {"name", str(new_p, "name")}, {"type", str(new_p, "type")}, {"from", from}, {"to", to}});

    auto old_c = closure_of(old_p), new_c = closure_of(new_p);
    json c_added = json::array(), c_removed = json::array(), c_changed = json::array();
    for (const auto& [cid, c] : new_c)
      if (!old_c.count(cid)) c_added.push_back(component_summary(c));
    for (const auto& [cid, c] : old_c) {
      auto ct = new_c.find(cid);
      if (ct == new_c.end()) {
        c_removed.push_back(component_summary(c));
      } else if (str(c, "sha256") != str(ct->second, "sha256")) {
        json entry = {{"id", cid},
                      {"name", str(ct->second, "name")},
                      {"type", str(ct->second, "type")},
                      {"from", str(c, "version")},
                      {"to", str(ct->second, "version")}};
        if (str(c, "name") != str(ct->second, "name")) entry["previousName"] = str(c, "name");
        c_changed.push_back(entry);
      }
    }
    bool closure_known_change = field(old_p, "closure").is_null() != field(new_p, "closure").is_null();
    if (!c_added.empty() || !c_removed.empty() || !c_changed.empty() || closure_known_change) {
      bool reused = from == to;
      closure_changed.push_back({{"component", id},
                                 {"name", str(new_p, "name")},
                                 {"type", str(new_p, "type")},
                                 {"from", from},
                                 {"to", to},
                                 {"versionReused", reused},
                                 {"added", c_added},
                                 {"removed", c_removed},
                                 {"changed", c_changed}});
      if (reused)
        warnings.push_back(
            {{"rule", "package-version-reused"},
             {"component", id},
             {"name", str(new_p, "name")},
             {"packageVersion", to},
             {"message", fmt::format("package \"{}\" keeps packageVersion {} although its closure changed: a released "
                                     "package version is immutable on the platform; give the package a new version",
                                     str(new_p, "name"), to)}});
    }

    json fields = json::array();
    for (const char* f : {"name", "type", "shareable", "published", "notes"})
      if (field(old_p, f) != field(new_p, f))
        fields.push_back({{"field", f}, {"from", field(old_p, f)}, {"to", field(new_p, f)}});
    if (!fields.empty())
      updated.push_back(
          {{"component", id}, {"name", str(new_p, "name")}, {"type", str(new_p, "type")}, {"fields", fields}});
  }
  return {{"added", added},
          {"removed", removed},
          {"reversioned", reversioned},
          {"closureChanged", closure_changed},
          {"updated", updated}};
}

}  // namespace

json diff_packs(const json& old_pack, const json& new_pack) {
  const json &old_meta = field(old_pack, "metadata"), &new_meta = field(new_pack, "metadata");
  json warnings = json::array();
  json diff = {{"pack", str(new_meta, "name")},
               {"from", str(old_meta, "version")},
               {"to", str(new_meta, "version")},
               {"metadata", field_changes(old_meta, new_meta, {"name", "version"})},
               {"spec", field_changes(field(old_pack, "spec"), field(new_pack, "spec"), {"components"})},
               {"packages", diff_packages(old_pack, new_pack, warnings)},
               {"extensions", diff_extensions(old_pack, new_pack)}};
  diff["warnings"] = warnings;
  bool same = diff["from"] == diff["to"] && diff["metadata"].empty() && diff["spec"].empty();
  for (const char* group : {"packages", "extensions"})
    for (const auto& [k, v] : diff[group].items()) same = same && v.empty();
  diff["identical"] = same;
  return diff;
}

}  // namespace ipack
