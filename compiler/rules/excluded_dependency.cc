#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

const char* excluded_kind(const std::string& type) {
  if (type == "certificate" || type == "certificate.pgp") return "Certificate";
  if (type == "customlibrary") return "Custom Library";
  return nullptr;
}

void check_excluded_dependency(const PackInput& in) {
  for_each_closure(in.model, in.components, [&](const PackageEntry& package, const PackageClosure& p) {
    for (const Component* member : p.closure.members) {
      const char* kind = excluded_kind(member->type);
      if (member == p.closure.root || !kind) continue;
      auto chain = in.components->graph.chain_to(p.closure, member);
      in.reporter.report(kExcludedDependency.id, package.component.pointer, At::Value,
                         fmt::format("{} depends on a {} component, and those are not available to managed accounts "
                                     "through a pack: {}; remove the dependency",
                                     package_exports::label(in.components, package), kind, describe_chain(chain)),
                         chain);
    }
  });
}

}  // namespace

const Rule kExcludedDependency{"excluded-dependency", Severity::Error, RuleGroup::Platform,
                               "a Certificate or Custom Library component in a package's dependency closure",
                               check_excluded_dependency};

}  // namespace ipack::rules
