#include <regex>

#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"
#include "input/source_file.h"

namespace ipack::rules {
namespace {

// Longer patterns are refused rather than compiled: std::regex compiles recursively.
constexpr int kLongestPattern = 1000;

void check(const PackInput& in) {
  const auto* extensions = pack_view::member(pack_view::member(&in.pack, "spec"), "extensions");
  for (const char* list : {"connections", "processProperties", "dynamicProcessProperties", "operations",
                           "tradingPartners", "objectDefinitions", "dataMaps", "crossReferences", "pgpCertificates"}) {
    const auto* entries = pack_view::member(extensions, list);
    if (!entries || !entries->is_array()) continue;
    for (size_t i = 0; i < entries->size(); ++i) {
      auto pattern = pack_view::string_member(&(*entries)[i], "pattern");
      if (!pattern) continue;
      std::string where = fmt::format("/spec/extensions/{}/{}/pattern", list, i);
      if (utf8_length(*pattern) > kLongestPattern) {
        in.reporter.report(kInvalidPattern.id, where, At::Value,
                           fmt::format("the pattern is over {} characters; shorten it", kLongestPattern));
        continue;
      }
      try {
        std::regex compiled(*pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        in.reporter.report(kInvalidPattern.id, where, At::Value,
                           fmt::format("not a regular expression ipack can check ({}); ipack reads patterns with "
                                       "C++'s ECMAScript grammar, which has no lookbehind and no named groups",
                                       e.what()));
      }
    }
  }
}

}  // namespace

const Rule kInvalidPattern{"invalid-pattern", Severity::Error, RuleGroup::Extensions,
                           "a `pattern` that is not a valid ECMAScript regular expression", check};

}  // namespace ipack::rules
