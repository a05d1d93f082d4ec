#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

struct Refusal {
  const char* type;
  const char* what;
  bool unavailable_to_managed_accounts;  // else: "cannot be shared"
};

constexpr Refusal kRefusals[] = {
    {"processroute", "a Process Route", true},      {"certificate", "a Certificate", true},
    {"certificate.pgp", "a PGP Certificate", true}, {"customlibrary", "a Custom Library", true},
    {"flowservice", "a Flow Service", false},       {"tpgroup", "a Processing Group", false},
    {"webservice.external", "an API Proxy", false},
};

std::string message_for(const std::string& type, const std::string& label) {
  for (const auto& r : kRefusals) {
    if (type != r.type) continue;
    if (r.unavailable_to_managed_accounts)
      return fmt::format(
          "{} is {} component: it is not available to managed accounts through an integration "
          "pack; package a process or an API Service instead",
          label, r.what);
    return fmt::format(
        "{} is {} component, which cannot be shared in an integration pack; package a process or "
        "an API Service instead",
        label, r.what);
  }
  return fmt::format(
      "{} is a `{}` component; a package's primary component must be a process or an API "
      "Service (webservice)",
      label, type);
}

void check_primary_type(const PackInput& in) {
  for_each_package(in.model, [&](const PackageEntry& package) {
    auto type = package_exports::type_of(in.components, package);
    if (!type || *type == "process" || *type == "webservice") return;
    in.reporter.report(kPrimaryType.id, package_exports::type_pointer(package), At::Value,
                       message_for(*type, package_exports::label(in.components, package)));
  });
}

}  // namespace

const Rule kPrimaryType{"primary-type", Severity::Error, RuleGroup::Platform,
                        "a package's primary component is not a process or an API Service", check_primary_type};

}  // namespace ipack::rules
