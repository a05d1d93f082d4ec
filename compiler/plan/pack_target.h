#pragma once
/// The pack an install plan is checked against, as a plan sees it: its name, version,
/// installation, the extensions it declares and its packaged processes. Made from pack.json's
/// form (a bundle's pack.json, or the same fields compiled from a source pack), so a plan is
/// checked the same way against either.

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace ipack {

struct DeclaredExtension {
  std::string list;                   ///< the kind's list name ("connections", ...)
  std::vector<std::string> identity;  ///< the key fields' values, in the kind's order
  bool required = false;
  bool secret = false;
  std::optional<std::string> pattern;
  /// `pattern`, compiled once for every plan (ECMAScript); none when it does not compile
  /// (`invalid-pattern` says so on the pack).
  std::shared_ptr<const std::regex> compiled_pattern;
  std::optional<std::string> default_value;
};

struct PackagedProcess {
  std::string id;
  std::string name;
  bool listener = false;  ///< its start shape listens: it runs on events, never on a schedule
};

struct PackTarget {
  std::string name, version;
  std::string display_name;  ///< metadata.displayName: the pack's name on the platform (else its name)
  bool multi = false;        ///< installation: multi
  std::string origin;        ///< what it was read from, for messages ("pack.yaml", "crm-sync-2.4.0.ipack")
  std::vector<DeclaredExtension> extensions;
  std::map<std::string, PackagedProcess> processes;  ///< by component id

  const DeclaredExtension* find_extension(const std::string& list, const std::vector<std::string>& identity) const;
};

/// Reads pack.json's form: metadata.name and version, spec.installation, packages (component,
/// type, name) and extensions. `listeners`: the ids of packaged processes that listen (pack.json
/// does not say; the caller reads it from the exports).
Result<PackTarget> pack_target_of(const nlohmann::json& pack_json, const std::set<std::string>& listeners,
                                  std::string origin);

}  // namespace ipack
