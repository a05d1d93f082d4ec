#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "pack/package_exports.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_multi_install_api_service(const PackInput& in) {
  if (in.model.installation.value != "multi") return;
  for_each_package(in.model, [&](const PackageEntry& package) {
    if (package_exports::type_of(in.components, package) != "webservice") return;
    in.reporter.report(kMultiInstallApiService.id, package_exports::type_pointer(package), At::Value,
                       fmt::format("{} is an API Service, but a multi-install pack may contain processes only: "
                                   "move it to a pack with installation: single",
                                   package_exports::label(in.components, package)));
  });
}

}  // namespace

const Rule kMultiInstallApiService{"multi-install-api-service", Severity::Error, RuleGroup::Platform,
                                   "`installation: multi` with an API Service (webservice) package",
                                   check_multi_install_api_service};

}  // namespace ipack::rules
