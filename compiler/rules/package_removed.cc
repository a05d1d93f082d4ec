#include <set>

#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  if (!in.previous) return;
  const auto* before = pack_view::member(in.previous, "packages");
  if (!before || !before->is_array()) return;
  std::set<std::string> now;
  if (const auto* packages = pack_view::packages(in.pack))
    for (const auto& p : *packages)
      if (auto id = pack_view::string_member(&p, "component")) now.insert(normalise_component_id(*id));
  for (const auto& p : *before) {
    auto id = pack_view::string_member(&p, "component");
    if (!id || now.count(*id)) continue;
    in.reporter.report(kPackageRemoved.id, "/spec/packages", At::Key,
                       fmt::format("{} \"{}\" ({}) was in the last release and is gone: installs lose it at the next "
                                   "update",
                                   pack_view::string_member(&p, "type").value_or("package"),
                                   pack_view::string_member(&p, "name").value_or(""), *id));
  }
}

}  // namespace

const Rule kPackageRemoved{"package-removed", Severity::Warning, RuleGroup::Release,
                           "a package of the previous release is gone", check};

}  // namespace ipack::rules
