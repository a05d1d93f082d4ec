#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_duplicate_package(const PackInput& in) {
  std::map<std::string, const PackageEntry*> first_entry;
  for_each_package(in.model, [&](const PackageEntry& package) {
    const auto& id = package.component;
    if (!id) return;
    std::string key = *id;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    auto [it, inserted] = first_entry.emplace(key, &package);
    if (inserted) return;
    int first_line = in.reporter.positions().locate(it->second->pointer).line;
    in.reporter.report(kDuplicatePackage.id, id.pointer, At::Value,
                       fmt::format("component {} is already packaged at line {}; a component can be packaged "
                                   "once per pack: remove this entry",
                                   *id, first_line));
  });
}

}  // namespace

const Rule kDuplicatePackage{"duplicate-package", Severity::Error, RuleGroup::Platform,
                             "two packages with the same component id (case-insensitive)", check_duplicate_package};

}  // namespace ipack::rules
