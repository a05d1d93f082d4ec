#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  const auto* packages = pack_view::packages(in.pack);
  if (!packages) return;
  std::map<std::string, size_t> first_index;
  for (size_t i = 0; i < packages->size(); ++i) {
    auto id = pack_view::string_member(&(*packages)[i], "component");
    if (!id) continue;
    std::string key = *id;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    auto [it, inserted] = first_index.emplace(key, i);
    if (inserted) continue;
    int first_line = in.reporter.positions().locate(pack_view::package_pointer(it->second)).line;
    in.reporter.report(kDuplicatePackage.id, pack_view::package_pointer(i) + "/component", At::Value,
                       fmt::format("component {} is already packaged at line {}; a component can be packaged "
                                   "once per pack: remove this entry",
                                   *id, first_line));
  }
}

}  // namespace

const Rule kDuplicatePackage{"duplicate-package", Severity::Error, RuleGroup::Platform,
                             "two packages with the same component id (case-insensitive)", check};

}  // namespace ipack::rules
