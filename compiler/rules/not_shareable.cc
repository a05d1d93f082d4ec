#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_not_shareable(const PackInput& in) {
  if (in.model.deployment.value != "packaged") return;
  for_each_package(in.model, [&](const PackageEntry& package) {
    const Field<bool>& shareable = package.shareable;
    if (!shareable.present)
      in.reporter.report(kNotShareable.id, package.pointer, At::Value,
                         fmt::format("{} does not say `shareable: true`; only packaged components created as "
                                     "shareable can be added to a pack",
                                     package.label()));
    else if (shareable && !*shareable)
      in.reporter.report(kNotShareable.id, shareable.pointer, At::Value,
                         fmt::format("{} is not shareable; only packaged components created as shareable can be "
                                     "added to a pack: create a shareable package version",
                                     package.label()));
  });
}

}  // namespace

const Rule kNotShareable{"not-shareable", Severity::Error, RuleGroup::Platform,
                         "packaged deployment: a package's `shareable` is not `true`", check_not_shareable};

}  // namespace ipack::rules
