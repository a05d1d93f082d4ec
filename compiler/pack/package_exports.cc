#include "pack/package_exports.h"

#include <fmt/format.h>

namespace ipack::package_exports {

const Component* export_of(const PackComponents* components, const PackageEntry& package) {
  if (!components || !package.component) return nullptr;
  return components->graph.find(normalise_component_id(*package.component));
}

std::optional<std::string> type_of(const PackComponents* components, const PackageEntry& package) {
  if (const Component* c = export_of(components, package)) return c->type;
  return package.type.value;
}

std::string type_pointer(const PackageEntry& package) {
  return package.type.present ? package.type.pointer : package.component.pointer;
}

std::string label(const PackComponents* components, const PackageEntry& package) {
  if (!package.name.present)
    if (const Component* c = export_of(components, package)) return fmt::format("package \"{}\"", c->name);
  return package.label();
}

std::string describe(const Component& c) { return fmt::format("{} \"{}\"", c.type, c.name); }

}  // namespace ipack::package_exports
