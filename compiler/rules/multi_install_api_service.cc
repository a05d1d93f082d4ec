#include <fmt/format.h>

#include "pack/package_exports.h"
#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  const auto* packages = pack_view::packages(in.pack);
  if (!packages || pack_view::installation(in.pack) != "multi") return;
  for (size_t i = 0; i < packages->size(); ++i) {
    const auto& package = (*packages)[i];
    if (package_exports::type_of(in, package) != "webservice") continue;
    in.reporter.report(kMultiInstallApiService.id, package_exports::type_pointer(package, i), At::Value,
                       fmt::format("{} is an API Service, but a multi-install pack may contain processes only: "
                                   "move it to a pack with installation: single",
                                   package_exports::label(in, package, i)));
  }
}

}  // namespace

const Rule kMultiInstallApiService{"multi-install-api-service", Severity::Error, RuleGroup::Platform,
                                   "`installation: multi` with an API Service (webservice) package", check};

}  // namespace ipack::rules
