#include <fmt/format.h>

#include "input/json_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_installation_changed(const PackInput& in) {
  if (!in.previous) return;
  const auto& now = in.model.installation;
  auto before = json_view::string_member(json_view::member(in.previous, "spec"), "installation");
  if (!now || !before || *now == *before) return;
  in.reporter.report(kInstallationChanged.id, now.pointer, At::Value,
                     fmt::format("the last release was installation: {}; the platform cannot change a pack's "
                                 "installation type once it exists: keep {}, or publish a new pack",
                                 *before, *before));
}

}  // namespace

const Rule kInstallationChanged{"installation-changed", Severity::Error, RuleGroup::Release,
                                "`installation` differs from the previous release", check_installation_changed};

}  // namespace ipack::rules
