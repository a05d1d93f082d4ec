#include <set>

#include <fmt/format.h>

#include "input/json_view.h"
#include "pack/for_each_package.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_package_removed(const PackInput& in) {
  if (!in.previous) return;
  const auto* before = json_view::member(in.previous, "packages");
  if (!before || !before->is_array()) return;
  std::set<std::string> now;
  for_each_package(in.model, [&](const PackageEntry& p) {
    if (p.component) now.insert(normalise_component_id(*p.component));
  });
  for (const auto& p : *before) {
    auto id = json_view::string_member(&p, "component");
    if (!id || now.count(*id)) continue;
    in.reporter.report(kPackageRemoved.id, in.model.packages_listed.pointer, At::Key,
                       fmt::format("{} \"{}\" ({}) was in the last release and is gone: installs lose it at the next "
                                   "update",
                                   json_view::string_member(&p, "type").value_or("package"),
                                   json_view::string_member(&p, "name").value_or(""), *id));
  }
}

}  // namespace

const Rule kPackageRemoved{"package-removed", Severity::Warning, RuleGroup::Release,
                           "a package of the previous release is gone", check_package_removed};

}  // namespace ipack::rules
