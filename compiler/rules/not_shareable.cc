#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  const auto* packages = pack_view::packages(in.pack);
  if (!packages || pack_view::deployment(in.pack) != "packaged") return;
  for (size_t i = 0; i < packages->size(); ++i) {
    const auto& package = (*packages)[i];
    if (!package.is_object()) continue;
    const auto* shareable = pack_view::member(&package, "shareable");
    std::string where = pack_view::package_pointer(i);
    if (!shareable)
      in.reporter.report(kNotShareable.id, where, At::Value,
                         fmt::format("{} does not say `shareable: true`; only packaged components created as "
                                     "shareable can be added to a pack",
                                     pack_view::package_label(package, i)));
    else if (shareable->is_boolean() && !shareable->get<bool>())
      in.reporter.report(kNotShareable.id, where + "/shareable", At::Value,
                         fmt::format("{} is not shareable; only packaged components created as shareable can be "
                                     "added to a pack: create a shareable package version",
                                     pack_view::package_label(package, i)));
  }
}

}  // namespace

const Rule kNotShareable{"not-shareable", Severity::Error, RuleGroup::Platform,
                         "packaged deployment: a package's `shareable` is not `true`", check};

}  // namespace ipack::rules
