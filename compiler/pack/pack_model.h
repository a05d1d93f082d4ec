#pragma once
/// The pack model: a pack manifest (kind IntegrationPack) read once into typed values, each with
/// the JSON Pointer that places it in its file (the document's PositionMap turns a pointer into
/// a line and column). Rules, the bundle compiler, install plans and the platform client read
/// this instead of raw JSON. A value of the wrong type reads as present but without a value:
/// the `schema` finding says what is wrong, and nothing downstream guesses.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ipack {

/// One manifest value as read.
template <typename T> struct Field {
  std::string pointer;     ///< where it is, or would be
  bool present = false;    ///< the key is there, whatever its type
  std::optional<T> value;  ///< when it is there with the expected type

  explicit operator bool() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
  T value_or(T fallback) const { return value ? *value : std::move(fallback); }
  /// Present, but of another type than the schema wants.
  bool wrong_type() const { return present && !value; }
};

/// `object[key]` read as a Field: pointer `base` + "/" + key, present when the key is there,
/// with a value when it has type T. T is std::string or bool.
template <typename T> Field<T> field_of(const nlohmann::json* object, const std::string& base, const char* key);
extern template Field<std::string> field_of(const nlohmann::json*, const std::string&, const char*);
extern template Field<bool> field_of(const nlohmann::json*, const std::string&, const char*);

/// An entry of `spec.packages`.
struct PackageEntry {
  size_t index = 0;
  std::string pointer;     ///< "/spec/packages/<index>"
  bool is_object = false;  ///< false: the entry is not a mapping, and every field is absent
  Field<std::string> component, name, type, package_version, notes;
  Field<bool> shareable, published;

  /// The component id as written, normalised (lower case, no braces) when it is a GUID; "" when absent.
  std::string component_id() const;
  /// `package "Sync Accounts"`, `package <id>` or `packages[3]`, for messages.
  std::string label() const;
};

/// An entry of one of `spec.extensions`' lists. Which fields apply depends on the list.
struct ExtensionEntry {
  size_t index = 0;
  std::string pointer;  ///< "/spec/extensions/<list>/<index>"
  bool is_object = false;
  Field<std::string> connection, field;  ///< connections
  Field<std::string> component, key;     ///< processProperties
  Field<std::string> name;               ///< dynamicProcessProperties
  Field<bool> required;
  Field<std::string> pattern, default_value, description;
};

struct PackExtensions {
  Field<bool> listed;  ///< `spec.extensions` is there (value: it is a mapping)
  std::vector<ExtensionEntry> connections, process_properties, dynamic_process_properties;
  /// The other override sections, by pack.json list name (kSectionLists): entries with
  /// `component` and an optional `field`.
  std::map<std::string, std::vector<ExtensionEntry>> sections;
  /// Pointers of the three lists ("/spec/extensions/connections", ...).
  static constexpr const char* kConnections = "connections";
  static constexpr const char* kProcessProperties = "processProperties";
  static constexpr const char* kDynamicProcessProperties = "dynamicProcessProperties";
  /// The lists of the other override sections, in the order pack.json gives them.
  static constexpr const char* kSectionLists[6] = {"operations", "tradingPartners", "objectDefinitions",
                                                   "dataMaps",   "crossReferences", "pgpCertificates"};
};

struct PackRelease {
  std::string pointer = "/spec/release";
  bool present = false;
  bool is_object = false;
  Field<std::string> schedule, date;
};

struct PackModel {
  Field<std::string> api_version, kind;
  struct Metadata {
    Field<std::string> name, display_name, description, version, publisher, homepage;
  } metadata;
  Field<std::string> installation;
  /// `spec.deployment`; reads as "packaged" when absent (the schema's default).
  Field<std::string> deployment;
  /// `spec.components`, the folder of exports; "components" when absent.
  Field<std::string> components;
  PackRelease release;
  Field<bool> packages_listed;         ///< `spec.packages` is there (value: it is a list)
  std::vector<PackageEntry> packages;  ///< empty unless it is a list
  PackExtensions extensions;

  bool packaged() const { return deployment.value && *deployment.value == "packaged"; }
};

/// Reads a manifest that may violate its schema: values of the wrong type are left without a
/// value, never guessed.
PackModel read_pack_model(const nlohmann::json& manifest);

/// The component id in `text`, normalised when it is a GUID, else `text` as written.
std::string component_key(const std::string& text);

}  // namespace ipack
