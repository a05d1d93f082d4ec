#pragma once
/// Type-checked access to a manifest's values, for rules that must not trust the schema.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ipack::pack_view {

using nlohmann::json;

/// `object[key]` when `object` is a mapping holding `key`.
const json* member(const json* object, std::string_view key);
/// The string at `object[key]`, when it is one.
std::optional<std::string> string_member(const json* object, std::string_view key);
/// `spec.packages` when it is a list.
const json* packages(const json& pack);
/// `spec.deployment`, "packaged" when absent; nothing when it is not a string.
std::optional<std::string> deployment(const json& pack);
/// `spec.installation`, when it is a string.
std::optional<std::string> installation(const json& pack);
/// "/spec/packages/<i>"
std::string package_pointer(size_t i);
/// The package's `name` or `component`, for messages: `package "Sync Accounts"`.
std::string package_label(const json& package, size_t i);

}  // namespace ipack::pack_view
