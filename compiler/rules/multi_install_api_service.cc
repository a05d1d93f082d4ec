#include <fmt/format.h>

#include "rules/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  const auto* packages = pack_view::packages(in.pack);
  if (!packages || pack_view::installation(in.pack) != "multi") return;
  for (size_t i = 0; i < packages->size(); ++i) {
    if (pack_view::string_member(&(*packages)[i], "type") != "webservice") continue;
    in.reporter.report(kMultiInstallApiService.id, pack_view::package_pointer(i) + "/type", At::Value,
                       fmt::format("{} is an API Service, but a multi-install pack may contain processes only: "
                                   "move it to a pack with installation: single",
                                   pack_view::package_label((*packages)[i], i)));
  }
}

}  // namespace

const Rule kMultiInstallApiService{"multi-install-api-service", Severity::Error, RuleGroup::Platform,
                                   "`installation: multi` with an API Service (webservice) package", check};

}  // namespace ipack::rules
