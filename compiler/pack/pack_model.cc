#include "pack/pack_model.h"

#include <fmt/format.h>

#include "components/component.h"
#include "input/json_view.h"
#include "input/position_map.h"

namespace ipack {

using nlohmann::json;

namespace {

template <typename T> bool has_type(const json& v);
template <> bool has_type<std::string>(const json& v) { return v.is_string(); }
template <> bool has_type<bool>(const json& v) { return v.is_boolean(); }

}  // namespace

template <typename T> Field<T> field_of(const json* object, const std::string& base, const char* key) {
  Field<T> f;
  f.pointer = pointer_join(base, key);
  const json* v = json_view::member(object, key);
  if (!v) return f;
  f.present = true;
  if (has_type<T>(*v)) f.value = v->get<T>();
  return f;
}

template Field<std::string> field_of(const json*, const std::string&, const char*);
template Field<bool> field_of(const json*, const std::string&, const char*);

namespace {

ExtensionEntry extension_of(const json& e, const std::string& list_pointer, size_t i) {
  ExtensionEntry x;
  x.index = i;
  x.pointer = pointer_join(list_pointer, i);
  x.is_object = e.is_object();
  const json* o = &e;
  x.connection = field_of<std::string>(o, x.pointer, "connection");
  x.field = field_of<std::string>(o, x.pointer, "field");
  x.component = field_of<std::string>(o, x.pointer, "component");
  x.key = field_of<std::string>(o, x.pointer, "key");
  x.name = field_of<std::string>(o, x.pointer, "name");
  x.required = field_of<bool>(o, x.pointer, "required");
  x.pattern = field_of<std::string>(o, x.pointer, "pattern");
  x.default_value = field_of<std::string>(o, x.pointer, "default");
  x.description = field_of<std::string>(o, x.pointer, "description");
  return x;
}

}  // namespace

std::string component_key(const std::string& text) {
  std::string id = normalise_component_id(text);
  return id.empty() ? text : id;
}

std::string PackageEntry::component_id() const { return component ? component_key(*component) : std::string(); }

std::string PackageEntry::label() const {
  if (name) return fmt::format("package \"{}\"", *name);
  if (component) return fmt::format("package {}", *component);
  return fmt::format("packages[{}]", index);
}

PackModel read_pack_model(const json& manifest) {
  PackModel m;
  m.api_version = field_of<std::string>(&manifest, "", "apiVersion");
  m.kind = field_of<std::string>(&manifest, "", "kind");
  const json* metadata = json_view::member(&manifest, "metadata");
  m.metadata.name = field_of<std::string>(metadata, "/metadata", "name");
  m.metadata.display_name = field_of<std::string>(metadata, "/metadata", "displayName");
  m.metadata.description = field_of<std::string>(metadata, "/metadata", "description");
  m.metadata.version = field_of<std::string>(metadata, "/metadata", "version");
  m.metadata.publisher = field_of<std::string>(metadata, "/metadata", "publisher");
  m.metadata.homepage = field_of<std::string>(metadata, "/metadata", "homepage");

  const json* spec = json_view::member(&manifest, "spec");
  m.installation = field_of<std::string>(spec, "/spec", "installation");
  m.deployment = field_of<std::string>(spec, "/spec", "deployment");
  if (!m.deployment.present) m.deployment.value = "packaged";
  m.components = field_of<std::string>(spec, "/spec", "components");
  if (!m.components.present) m.components.value = "components";

  if (const json* release = json_view::member(spec, "release")) {
    m.release.present = true;
    m.release.is_object = release->is_object();
    m.release.schedule = field_of<std::string>(release, m.release.pointer, "schedule");
    m.release.date = field_of<std::string>(release, m.release.pointer, "date");
  } else {
    m.release.schedule.pointer = "/spec/release/schedule";
    m.release.date.pointer = "/spec/release/date";
  }

  m.packages_listed.pointer = "/spec/packages";
  if (const json* packages = json_view::member(spec, "packages")) {
    m.packages_listed.present = true;
    m.packages_listed.value = packages->is_array();
    if (packages->is_array())
      for (size_t i = 0; i < packages->size(); ++i) {
        const json& p = (*packages)[i];
        PackageEntry e;
        e.index = i;
        e.pointer = pointer_join("/spec/packages", i);
        e.is_object = p.is_object();
        e.component = field_of<std::string>(&p, e.pointer, "component");
        e.name = field_of<std::string>(&p, e.pointer, "name");
        e.type = field_of<std::string>(&p, e.pointer, "type");
        e.package_version = field_of<std::string>(&p, e.pointer, "packageVersion");
        e.notes = field_of<std::string>(&p, e.pointer, "notes");
        e.shareable = field_of<bool>(&p, e.pointer, "shareable");
        e.published = field_of<bool>(&p, e.pointer, "published");
        m.packages.push_back(std::move(e));
      }
  }

  m.extensions.listed.pointer = "/spec/extensions";
  if (const json* extensions = json_view::member(spec, "extensions")) {
    m.extensions.listed.present = true;
    m.extensions.listed.value = extensions->is_object();
    auto read_list = [&](const char* list, std::vector<ExtensionEntry>& out) {
      const json* entries = json_view::member(extensions, list);
      if (!entries || !entries->is_array()) return;
      std::string base = pointer_join("/spec/extensions", list);
      for (size_t i = 0; i < entries->size(); ++i) out.push_back(extension_of((*entries)[i], base, i));
    };
    read_list(PackExtensions::kConnections, m.extensions.connections);
    read_list(PackExtensions::kProcessProperties, m.extensions.process_properties);
    read_list(PackExtensions::kDynamicProcessProperties, m.extensions.dynamic_process_properties);
    for (const char* list : PackExtensions::kSectionLists) read_list(list, m.extensions.sections[list]);
  }
  return m;
}

}  // namespace ipack
