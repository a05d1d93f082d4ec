#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"
#include "base/semver.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  if (!in.previous) return;
  auto now = pack_view::string_member(pack_view::member(&in.pack, "metadata"), "version");
  auto before = pack_view::string_member(pack_view::member(in.previous, "metadata"), "version");
  if (!now || !before) return;
  auto a = parse_semver(*now), b = parse_semver(*before);
  if (!a || !b || compare_semver(*a, *b) > 0) return;  // a bad version is the schema's finding
  in.reporter.report(kVersionNotIncreased.id, "/metadata/version", At::Value,
                     fmt::format("version {} is not greater than the last release's {}: raise it (SemVer precedence)",
                                 *now, *before));
}

}  // namespace

const Rule kVersionNotIncreased{"version-not-increased", Severity::Error, RuleGroup::Release,
                                "`metadata.version` is not greater (SemVer precedence) than the previous one", check};

}  // namespace ipack::rules
