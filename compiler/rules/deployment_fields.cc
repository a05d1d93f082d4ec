#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_deployment_fields(const PackInput& in) {
  const auto& deployment = in.model.deployment;
  if (!deployment) return;
  for_each_package(in.model, [&](const PackageEntry& package) {
    std::string label = package.label();
    if (*deployment == "packaged") {
      if (!package.package_version.present)
        in.reporter.report(kDeploymentFields.id, package.pointer, At::Value,
                           fmt::format("{} has no packageVersion; packaged deployment needs the version of the "
                                       "packaged component, e.g. packageVersion: \"1.0\"",
                                       label));
      if (package.published.present)
        in.reporter.report(kDeploymentFields.id, package.published.pointer, At::Key,
                           fmt::format("`published` belongs to legacy deployment; with packaged deployment remove "
                                       "it from {} (use shareable and packageVersion)",
                                       label));
    } else if (*deployment == "legacy") {
      auto remove = [&](const std::string& pointer, const char* key) {
        in.reporter.report(kDeploymentFields.id, pointer, At::Key,
                           fmt::format("legacy deployment has no package versions: remove `{}` from {}, or set "
                                       "spec.deployment: packaged",
                                       key, label));
      };
      if (package.package_version.present) remove(package.package_version.pointer, "packageVersion");
      if (package.shareable.present) remove(package.shareable.pointer, "shareable");
    }
  });
}

}  // namespace

const Rule kDeploymentFields{"deployment-fields", Severity::Error, RuleGroup::Platform,
                             "packaged entry without packageVersion, or legacy entry with packageVersion/shareable",
                             check_deployment_fields};

}  // namespace ipack::rules
