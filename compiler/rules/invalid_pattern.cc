#include <fmt/format.h>

#include "base/pattern_cache.h"
#include "input/source_file.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

// Longer patterns are refused rather than compiled: std::regex compiles recursively.
constexpr int kLongestPattern = 1000;

void check_invalid_pattern(const PackInput& in) {
  const PackExtensions& extensions = in.model.extensions;
  std::vector<const std::vector<ExtensionEntry>*> lists = {&extensions.connections, &extensions.process_properties,
                                                           &extensions.dynamic_process_properties};
  for (const char* section : PackExtensions::kSectionLists) {
    auto listed = extensions.sections.find(section);
    if (listed != extensions.sections.end()) lists.push_back(&listed->second);
  }
  for (const auto* entries : lists) {
    for (const ExtensionEntry& entry : *entries) {
      const auto& pattern = entry.pattern;
      if (!pattern) continue;
      const std::string& where = pattern.pointer;
      if (utf8_length(*pattern) > kLongestPattern) {
        in.reporter.report(kInvalidPattern.id, where, At::Value,
                           fmt::format("the pattern is over {} characters; shorten it", kLongestPattern));
        continue;
      }
      std::string error;
      if (!compiled_pattern(*pattern, &error))
        in.reporter.report(kInvalidPattern.id, where, At::Value,
                           fmt::format("not a regular expression ipack can check ({}); ipack reads patterns with "
                                       "C++'s ECMAScript grammar, which has no lookbehind and no named groups",
                                       error));
    }
  }
}

}  // namespace

const Rule kInvalidPattern{"invalid-pattern", Severity::Error, RuleGroup::Extensions,
                           "a `pattern` that is not a valid ECMAScript regular expression", check_invalid_pattern};

}  // namespace ipack::rules
