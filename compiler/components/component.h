#pragma once
/// What ipack knows of one Boomi component, read from its XML export (docs/components.md).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace ipack {

/// A position inside an export file: 1-based line and column (code points).
struct XmlPosition {
  int line = 1;
  int column = 1;
};

/// An attribute value, or an element's text, under `bns:object`/`bns:processOverrides` that
/// holds a component id.
struct RawReference {
  std::string target;     ///< the id, lower-case, `resource::rout:` stripped
  std::string element;    ///< local name of the element carrying it
  std::string attribute;  ///< "" when the id is the element's text (`<queueComponentId>`)
  XmlPosition at;
  bool in_table = false;            ///< a known reference place (components.md); others count only when they resolve
  bool process_route_step = false;  ///< `processroutecall/@processRouteId`: a Process Route step, unless
                                    ///< `route_type` or the target's type says it routes elsewhere
  std::string route_type;           ///< the `processroutecall`'s `routeType`, when it has one
  bool route_prefix = false;        ///< the value carried the `resource::rout:` prefix
};

/// One field of a connection as the packaged process lists it in
/// `ConnectionOverride/field` (or as ipack finds it in the connection when no process lists it).
struct ConnectionField {
  std::string id;
  std::string label;
  std::string xpath;  ///< relative to `bns:object`, e.g. `HttpSettings/AuthSettings/@password`
  bool overrideable = false;
  std::string type;  ///< Connector SDK fields: their `type` (`password`, `string`, …)
};

/// An overrideable entry of an override section other than connections and properties
/// (`Operations`, `PartnerOverrides`, `Extensions/ObjectDefinitions`, `Extensions/DataMaps`,
/// `CrossReferenceOverrides`, `PGPOverrides`).
struct SectionExtension {
  std::string section;    ///< the pack.json list: operations, tradingPartners, objectDefinitions, dataMaps,
                          ///< crossReferences, pgpCertificates
  std::string component;  ///< the component the entry overrides (lower-case id), or its name when it has no id
  std::string field;      ///< the field within it; "" when the whole entry is overrideable
  std::string xpath;
  bool operator<(const SectionExtension& o) const {
    return std::tie(section, component, field) < std::tie(o.section, o.component, o.field);
  }
};

/// The extensions a process declares overrideable in `bns:processOverrides`.
struct DeclaredExtensions {
  std::set<std::pair<std::string, std::string>> connection_fields;   ///< (connection id, field id)
  std::set<std::string> connections_overridden;                      ///< connection ids with a ConnectionOverride
  std::set<std::string> dynamic_properties;                          ///< PropertyOverride names
  std::set<std::pair<std::string, std::string>> process_properties;  ///< (component id, key)
  std::map<std::string, std::vector<ConnectionField>> field_lists;   ///< connection id → every field listed, in order
  std::set<SectionExtension> sections;                               ///< overrideable entries of the other sections
  XmlPosition at;                                                    ///< the processOverrides element
  bool empty() const {
    return connection_fields.empty() && dynamic_properties.empty() && process_properties.empty() && sections.empty();
  }
};

/// A value read from an export (an attribute's or an element's text), with where it is.
struct XmlValue {
  std::string value;
  XmlPosition at;  ///< the attribute's name, or the element's `<`
};

/// A listen operation's settings: `Operation/Configuration/QueueGetAction` (Atom Queue) or
/// `JMSGetAction` (JMS).
struct ListenAction {
  std::string element;  ///< QueueGetAction or JMSGetAction
  XmlPosition at;
  std::optional<XmlValue> max_concurrent_executions;
  std::optional<XmlValue> dead_letter_queue;
};

/// What the best-practice rules look at, read with the rest of the export.
struct ReviewFacts {
  XmlPosition name_at;                         ///< the envelope's `name` attribute
  std::optional<XmlValue> description;         ///< `bns:description`'s text, when the element is there
  bool process = false;                        ///< `bns:object` holds a `<process>`
  std::optional<XmlValue> workload;            ///< the process's `workload` attribute
  std::vector<XmlValue> exception_messages;    ///< Exception steps' `exMessage` texts
  std::vector<XmlValue> business_rule_messages;  ///< Business Rules steps' `errorMessage/@content`
  std::optional<ListenAction> listen_action;   ///< an operation's queue or JMS listen settings
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
  std::set<std::string> fields;             ///< connection fields: GenericConnectionConfig/field/@id, or the
                                            ///< url/user/username/password settings of a built-in connector
  std::vector<ConnectionField> own_fields;  ///< the same, with the xpath of each
  std::set<std::string> secret_fields;  ///< connection fields whose xpath an encryptedValue path names, or `password`
  std::set<std::string> secret_paths;   ///< every encryptedValue path, normalised (see normalise_field_path)
  std::map<std::string, std::string> settings;  ///< connections: every element (its text) and attribute under
                                                ///< bns:object by its path (`HttpSettings/AuthSettings/@user`,
                                                ///< `…/field[@id='url']/@value`)
  std::set<std::string> secret_property_keys;   ///< process property keys that are encrypted or of type password
  bool listener = false;                        ///< the start shape listens (actionType="Listen")
  ReviewFacts review;
};

/// Lower-cases an id and strips the `resource::rout:` prefix; "" when it is not a GUID.
std::string normalise_component_id(std::string_view value);

/// A field xpath or encryptedValue path in one spelling, so that paths compare as strings:
/// leading `/`s and a `bns:object/` step dropped, `"` as `'`, spaces outside quotes dropped.
std::string normalise_field_path(std::string_view path);

/// Whether the encryptedValue path `secret` (normalised) names the field at `xpath`
/// (normalised): the same path, or the field's value inside the element it names.
bool path_names_field(std::string_view secret, std::string_view xpath);

/// Whether `xpath` is secret for connection `c`: one of its encryptedValue paths names it.
bool is_secret_xpath(const Component& c, std::string_view xpath);

/// Whether connection `c` gives `field` a value (not empty). A field whose xpath ipack cannot
/// place in the connection counts as set: what cannot be checked is not assumed harmless.
bool connection_sets(const Component& c, const ConnectionField& field);

}  // namespace ipack
