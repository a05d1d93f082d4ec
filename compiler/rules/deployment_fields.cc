#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  const auto* packages = pack_view::packages(in.pack);
  auto deployment = pack_view::deployment(in.pack);
  if (!packages || !deployment) return;
  for (size_t i = 0; i < packages->size(); ++i) {
    const auto& package = (*packages)[i];
    if (!package.is_object()) continue;
    std::string where = pack_view::package_pointer(i);
    std::string label = pack_view::package_label(package, i);
    if (*deployment == "packaged") {
      if (!pack_view::member(&package, "packageVersion"))
        in.reporter.report(kDeploymentFields.id, where, At::Value,
                           fmt::format("{} has no packageVersion; packaged deployment needs the version of the "
                                       "packaged component, e.g. packageVersion: \"1.0\"",
                                       label));
      if (pack_view::member(&package, "published"))
        in.reporter.report(kDeploymentFields.id, where + "/published", At::Key,
                           fmt::format("`published` belongs to legacy deployment; with packaged deployment remove "
                                       "it from {} (use shareable and packageVersion)",
                                       label));
    } else if (*deployment == "legacy") {
      for (const char* key : {"packageVersion", "shareable"})
        if (pack_view::member(&package, key))
          in.reporter.report(kDeploymentFields.id, where + "/" + key, At::Key,
                             fmt::format("legacy deployment has no package versions: remove `{}` from {}, or set "
                                         "spec.deployment: packaged",
                                         key, label));
    }
  }
}

}  // namespace

const Rule kDeploymentFields{"deployment-fields", Severity::Error, RuleGroup::Platform,
                             "packaged entry without packageVersion, or legacy entry with packageVersion/shareable",
                             check};

}  // namespace ipack::rules
