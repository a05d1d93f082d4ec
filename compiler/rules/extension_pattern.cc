#include <regex>

#include <fmt/format.h>

#include "plan/extension_kinds.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

// Values longer than this are not matched: std::regex recurses per character.
constexpr size_t kLongestValue = 4096;

void check_extension_pattern(const PlanInput& in) {
  for (const auto& i : in.plan.instances)
    for (const auto& v : i.extensions) {
      if (!v.value) continue;
      const DeclaredExtension* d = in.pack.find_extension(v.list, v.identity());
      // A secret's value is never looked at, not even to match it.
      if (!d || d->secret || !d->compiled_pattern) continue;
      if (v.value->size() > kLongestValue) {
        in.reporter.report(kExtensionPattern.id, v.value.pointer, At::Value,
                           fmt::format("the value is over {} bytes, too long to match against the pattern {}",
                                       kLongestValue, *d->pattern));
        continue;
      }
      bool matches = false;
      try {
        matches = std::regex_search(*v.value, *d->compiled_pattern);
      } catch (const std::regex_error&) {
        matches = false;
      }
      if (!matches)
        in.reporter.report(kExtensionPattern.id, v.value.pointer, At::Value,
                           fmt::format("the value does not match the pattern {} that pack {} gives the {}", *d->pattern,
                                       in.pack.name, describe_extension(d->list, d->identity)));
    }
}

}  // namespace

const Rule kExtensionPattern{"extension-pattern",
                             Severity::Error,
                             RuleGroup::Plans,
                             "a value that does not match the extension's pattern",
                             nullptr,
                             nullptr,
                             check_extension_pattern};

}  // namespace ipack::rules
