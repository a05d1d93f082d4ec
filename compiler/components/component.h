#pragma once
/// What ipack knows of one Boomi component, read from its XML export (docs/components.md).

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ipack {

/// A position inside an export file: 1-based line and column (code points).
struct XmlPosition {
  int line = 1;
  int column = 1;
};

/// An attribute value under `bns:object`/`bns:processOverrides` that holds a component id.
struct RawReference {
  std::string target;     ///< the id, lower-case, `resource::rout:` stripped
  std::string element;    ///< local name of the element carrying it
  std::string attribute;
  XmlPosition at;
  bool in_table = false;  ///< an attribute docs/components.md lists as a reference (others count only when they resolve)
  bool process_route_step = false;  ///< `processroutecall/@processRouteId`
};

/// The extensions a process declares overrideable in `bns:processOverrides`.
struct DeclaredExtensions {
  std::set<std::pair<std::string, std::string>> connection_fields;  ///< (connection id, field id)
  std::set<std::string> connections_overridden;                     ///< connection ids with a ConnectionOverride
  std::set<std::string> dynamic_properties;                         ///< PropertyOverride names
  std::set<std::pair<std::string, std::string>> process_properties; ///< (component id, key)
  XmlPosition at;  ///< the processOverrides element
  bool empty() const { return connection_fields.empty() && dynamic_properties.empty() && process_properties.empty(); }
};

struct Component {
  std::string id;  ///< lower-case
  std::string type;
  std::string name;
  std::string version;
  bool deleted = false;
  std::string file;  ///< display path
  XmlPosition at;    ///< the envelope element
  std::vector<RawReference> references;
  DeclaredExtensions extensions;
  std::set<std::string> fields;            ///< connection fields (GenericConnectionConfig/field/@id)
  std::set<std::string> secret_fields;     ///< connection fields that are encrypted, or `password`
  std::set<std::string> secret_property_keys;  ///< process property keys that are encrypted or of type password
  bool listener = false;                   ///< the start shape listens (actionType="Listen")
};

/// Lower-cases an id and strips the `resource::rout:` prefix; "" when it is not a GUID.
std::string normalise_component_id(std::string_view value);

}  // namespace ipack
