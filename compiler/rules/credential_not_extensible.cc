#include <fmt/format.h>

#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  if (!in.components) return;
  for (const auto& p : in.components->closures) {
    if (p.primary->type != "process") continue;
    for (const Component* member : p.closure.members) {
      if (member->type != "connector-settings") continue;
      std::vector<std::string> fixed;
      for (const char* field : {"url", "user", "password"})
        if (member->fields.count(field) && !p.primary->extensions.connection_fields.count({member->id, field}))
          fixed.push_back(field);
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
                                    "a connection used by a packaged process whose password, user or url field is "
                                    "not overrideable",
                                    check};

}  // namespace ipack::rules
