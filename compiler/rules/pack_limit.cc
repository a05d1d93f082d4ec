#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

constexpr size_t kMaxPackages = 100;

void check_pack_limit(const PackInput& in) {
  const auto& packages = in.model.packages;
  if (packages.size() <= kMaxPackages) return;
  in.reporter.report(kPackLimit.id, packages[kMaxPackages].pointer, At::Value,
                     fmt::format("the pack has {} packages; the platform allows at most {} per pack: split it "
                                 "into several packs",
                                 packages.size(), kMaxPackages));
}

}  // namespace

const Rule kPackLimit{"pack-limit", Severity::Error, RuleGroup::Platform, "more than 100 packages in a pack",
                      check_pack_limit};

}  // namespace ipack::rules
