#include "pack/package_exports.h"

#include <fmt/format.h>

#include "pack/pack_view.h"

namespace ipack::package_exports {

const Component* export_of(const PackInput& in, const nlohmann::json& package) {
  if (!in.components) return nullptr;
  auto id = pack_view::string_member(&package, "component");
  return id ? in.components->graph.find(normalise_component_id(*id)) : nullptr;
}

std::optional<std::string> type_of(const PackInput& in, const nlohmann::json& package) {
  if (const Component* c = export_of(in, package)) return c->type;
  return pack_view::string_member(&package, "type");
}

std::string type_pointer(const nlohmann::json& package, size_t index) {
  return pack_view::package_pointer(index) + (pack_view::member(&package, "type") ? "/type" : "/component");
}

std::string label(const PackInput& in, const nlohmann::json& package, size_t index) {
  if (!pack_view::member(&package, "name"))
    if (const Component* c = export_of(in, package)) return fmt::format("package \"{}\"", c->name);
  return pack_view::package_label(package, index);
}

std::string describe(const Component& c) { return fmt::format("{} \"{}\"", c.type, c.name); }

}  // namespace ipack::package_exports
