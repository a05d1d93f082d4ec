#include <map>

#include <fmt/format.h>

#include "base/digest.h"
#include "input/json_view.h"
#include "pack/for_each_package.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

// What changed between a previous closure and the current one: "map "X" changed", ...
std::vector<std::string> closure_changes(const nlohmann::json& before, const Closure& now) {
  std::map<std::string, std::pair<std::string, std::string>> old;  // id → (sha256, label)
  for (const auto& c : before.value("components", nlohmann::json::array()))
    old[c.value("id", "")] = {c.value("sha256", ""),
                              fmt::format("{} \"{}\"", c.value("type", ""), c.value("name", ""))};
  std::vector<std::string> changes;
  for (const Component* c : now.members) {
    auto digest = digest_file(c->file);
    if (!digest) continue;  // unreadable: the index reported it
    const std::string& sha256 = digest->sha256;
    auto it = old.find(c->id);
    if (it == old.end())
      changes.push_back(fmt::format("{} \"{}\" added", c->type, c->name));
    else if (it->second.first != sha256)
      changes.push_back(fmt::format("{} \"{}\" changed", c->type, c->name));
    if (it != old.end()) old.erase(it);
  }
  for (const auto& [id, rest] : old) changes.push_back(rest.second + " removed");
  return changes;
}

void check_package_version_reused(const PackInput& in) {
  if (!in.previous) return;
  const auto* before = json_view::member(in.previous, "packages");
  if (!before || !before->is_array()) return;
  for_each_closure(in.model, in.components, [&](const PackageEntry& package, const PackageClosure& p) {
    const auto& version = package.package_version;
    if (!version) return;
    for (const auto& old : *before) {
      if (old.value("component", "") != p.primary->id || old.value("packageVersion", "") != *version) continue;
      const auto& old_closure = old.value("closure", nlohmann::json());
      if (!old_closure.is_object()) continue;
      auto changes = closure_changes(old_closure, p.closure);
      if (changes.empty()) continue;
      std::string list = changes[0];
      for (size_t i = 1; i < changes.size() && i < 4; ++i) list += ", " + changes[i];
      if (changes.size() > 4) list += fmt::format(" and {} more", changes.size() - 4);
      in.reporter.report(kPackageVersionReused.id, version.pointer, At::Value,
                         fmt::format("packageVersion \"{}\" of \"{}\" was released with other content ({}): a "
                                     "package version is immutable on the platform; give the package a new version",
                                     *version, p.primary->name, list));
    }
  });
}

}  // namespace

const Rule kPackageVersionReused{"package-version-reused", Severity::Error, RuleGroup::Release,
                                 "a component keeps its packageVersion but its closure's content changed",
                                 check_package_version_reused};

}  // namespace ipack::rules
