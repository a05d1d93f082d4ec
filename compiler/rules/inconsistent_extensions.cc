#include <map>

#include <fmt/format.h>

#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

std::string field_list(const std::set<std::string>& fields) {
  if (fields.empty()) return "none";
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ", ") + f;
  return out;
}

void check_inconsistent_extensions(const PackInput& in) {
  if (!in.components) return;
  struct First {
    const PackageClosure* package;
    std::set<std::string> fields;
  };
  std::map<const Component*, First> first_seen;  // connection → the first packaged process using it
  for (const auto& p : in.components->closures) {
    if (p.primary->type != "process") continue;
    for (const Component* member : p.closure.members) {
      if (member->type != "connector-settings") continue;
      std::set<std::string> fields;
      for (const auto& [connection, field] : p.primary->extensions.connection_fields)
        if (connection == member->id) fields.insert(field);
      auto [it, inserted] = first_seen.emplace(member, First{&p, fields});
      if (inserted || it->second.fields == fields) continue;
      const auto& first = *it->second.package;
      in.reporter.report(
          kInconsistentExtensions.id, in.model.packages[p.index].component.pointer, At::Value,
          fmt::format("connection \"{}\" is extensible in {} ({}) but in {} ({}): installers see one "
                      "set of fields per connection; declare the same fields in both processes",
                      member->name, package_exports::label(in.components, in.model.packages[p.index]),
                      field_list(fields), package_exports::label(in.components, in.model.packages[first.index]),
                      field_list(it->second.fields)));
    }
  }
}

}  // namespace

const Rule kInconsistentExtensions{
    "inconsistent-extensions", Severity::Warning, RuleGroup::Extensions,
    "one connection exposes different overrideable fields in different packaged processes",
    check_inconsistent_extensions};

}  // namespace ipack::rules
