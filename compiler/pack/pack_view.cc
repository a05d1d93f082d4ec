#include "pack/pack_view.h"

#include <fmt/format.h>

namespace ipack::pack_view {

const json* member(const json* object, std::string_view key) {
  if (!object || !object->is_object()) return nullptr;
  auto it = object->find(std::string(key));
  return it == object->end() ? nullptr : &*it;
}

std::optional<std::string> string_member(const json* object, std::string_view key) {
  const json* v = member(object, key);
  if (!v || !v->is_string()) return std::nullopt;
  return v->get<std::string>();
}

const json* packages(const json& pack) {
  const json* p = member(member(&pack, "spec"), "packages");
  return p && p->is_array() ? p : nullptr;
}

std::optional<std::string> deployment(const json& pack) {
  const json* spec = member(&pack, "spec");
  if (!member(spec, "deployment")) return std::string("packaged");
  return string_member(spec, "deployment");
}

std::optional<std::string> installation(const json& pack) { return string_member(member(&pack, "spec"), "installation"); }

std::string package_pointer(size_t i) { return fmt::format("/spec/packages/{}", i); }

std::string package_label(const json& package, size_t i) {
  if (auto name = string_member(&package, "name")) return fmt::format("package \"{}\"", *name);
  if (auto id = string_member(&package, "component")) return fmt::format("package {}", *id);
  return fmt::format("packages[{}]", i);
}

}  // namespace ipack::pack_view
