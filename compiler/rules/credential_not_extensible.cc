#include <fmt/format.h>

#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

bool is_credential(const std::string& field) {
  return field == "url" || field == "user" || field == "username" || field == "password";
}

// The credential fields that `connection` sets and `process` does not let installers change.
// The process's own field list for the connection (ConnectionOverride) is the platform's
// account of its fields; without one, the fields ipack finds in the connection count. A field
// the connection leaves empty (no authentication, say) is not a hard-coded credential.
std::vector<std::string> fixed_credentials(const Component& process, const Component& connection) {
  std::vector<std::string> fixed;
  auto listed = process.extensions.field_lists.find(connection.id);
  if (listed != process.extensions.field_lists.end() && !listed->second.empty()) {
    for (const auto& f : listed->second)
      if (is_credential(f.id) && !f.overrideable && connection_sets(connection, f)) fixed.push_back(f.id);
    return fixed;
  }
  for (const auto& f : connection.own_fields)
    if (is_credential(f.id) && !process.extensions.connection_fields.count({connection.id, f.id}) &&
        connection_sets(connection, f))
      fixed.push_back(f.id);
  return fixed;
}

void check_credential_not_extensible(const PackInput& in) {
  if (!in.components) return;
  for (const auto& p : in.components->closures) {
    if (p.primary->type != "process") continue;
    for (const Component* member : p.closure.members) {
      if (member->type != "connector-settings") continue;
      std::vector<std::string> fixed = fixed_credentials(*p.primary, *member);
      if (fixed.empty()) continue;
      std::string list = fixed[0];
      for (size_t i = 1; i < fixed.size(); ++i) list += (i + 1 == fixed.size() ? " and " : ", ") + fixed[i];
      auto chain = in.components->graph.chain_to(p.closure, member);
      const PackageEntry& package = in.model.packages[p.index];
      in.reporter.report(kCredentialNotExtensible.id, package.component.pointer, At::Value,
                         fmt::format("{} uses connection \"{}\" but does not let installers change its {}: Boomi's "
                                     "review asks that a connection's URL, user and password be extensions; mark "
                                     "them overrideable in the process's extensions",
                                     package_exports::label(in.components, package), member->name, list),
                         chain);
    }
  }
}

}  // namespace

const Rule kCredentialNotExtensible{"credential-not-extensible", Severity::Warning, RuleGroup::Extensions,
                                    "a connection used by a packaged process whose password, user (or username) or "
                                    "url field is not overrideable",
                                    check_credential_not_extensible};

}  // namespace ipack::rules
