#include <fmt/format.h>

#include "base/semver.h"
#include "input/json_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_version_not_increased(const PackInput& in) {
  if (!in.previous) return;
  const auto& now = in.model.metadata.version;
  auto before = json_view::string_member(json_view::member(in.previous, "metadata"), "version");
  if (!now || !before) return;
  auto a = parse_semver(*now), b = parse_semver(*before);
  if (!a || !b || compare_semver(*a, *b) > 0) return;  // a bad version is the schema's finding
  in.reporter.report(
      kVersionNotIncreased.id, now.pointer, At::Value,
      fmt::format("version {} is not greater than the last release's {}: raise it (SemVer precedence)", *now, *before));
}

}  // namespace

const Rule kVersionNotIncreased{"version-not-increased", Severity::Error, RuleGroup::Release,
                                "`metadata.version` is not greater (SemVer precedence) than the previous one",
                                check_version_not_increased};

}  // namespace ipack::rules
