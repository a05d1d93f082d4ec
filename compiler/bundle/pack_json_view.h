#pragma once
/// Safe reading of a pack.json that may be malformed (a bundle that was not verified): a value of
/// the wrong type reads as null or empty, never throws.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ipack::pack_json {

using nlohmann::json;

inline const json& field(const json& j, const std::string& key) {
  static const json null_value;
  if (!j.is_object()) return null_value;
  auto it = j.find(key);
  return it == j.end() ? null_value : *it;
}

inline std::string text_of(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "";
  return j.dump();
}

inline std::string str(const json& j, const std::string& key) { return text_of(field(j, key)); }

inline const json& array_of(const json& j) {
  static const json empty = json::array();
  return j.is_array() ? j : empty;
}

// Every leaf of an object, by dotted path ("release.schedule"); arrays are leaves.
inline void flatten(const json& j, const std::string& prefix, std::map<std::string, json>& out) {
  if (j.is_object() && !j.empty()) {
    for (const auto& [k, v] : j.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
  } else if (!prefix.empty()) {
    out[prefix] = j;
  }
}

// [{field, from, to}] for every path whose value differs (null when absent), sorted by path.
inline json field_changes(const json& old_object, const json& new_object, const std::set<std::string>& skip) {
  std::map<std::string, json> a, b;
  flatten(old_object, "", a);
  flatten(new_object, "", b);
  std::set<std::string> paths;
  for (const auto& [k, v] : a) paths.insert(k);
  for (const auto& [k, v] : b) paths.insert(k);
  json out = json::array();
  for (const auto& path : paths) {
    if (skip.count(path)) continue;
    json from = a.count(path) ? a[path] : json(), to = b.count(path) ? b[path] : json();
    if (from != to) out.push_back({{"field", path}, {"from", from}, {"to", to}});
  }
  return out;
}

/// The attributes an extension entry of pack.json may carry, in the order diffs list them.
inline const std::vector<std::string> kExtensionAttributes = {"default", "description", "pattern", "required",
                                                              "secret"};

}  // namespace ipack::pack_json
