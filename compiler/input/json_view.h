#pragma once
/// Type-checked access to a document's JSON values, for code that must not trust the schema:
/// a value of the wrong type reads as absent, and the `schema` finding says what is wrong.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ipack::json_view {

using nlohmann::json;

/// `object[key]` when `object` is a mapping holding `key`.
inline const json* member(const json* object, std::string_view key) {
  if (!object || !object->is_object()) return nullptr;
  auto it = object->find(std::string(key));
  return it == object->end() ? nullptr : &*it;
}

/// The string at `object[key]`, when it is one.
inline std::optional<std::string> string_member(const json* object, std::string_view key) {
  const json* v = member(object, key);
  if (!v || !v->is_string()) return std::nullopt;
  return v->get<std::string>();
}

}  // namespace ipack::json_view
