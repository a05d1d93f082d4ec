#pragma once
/// Where the project lives on the web. This is the one place to change when it moves: SARIF's
/// `informationUri` and every rule's `helpUri` are made from these.

#include <string_view>

namespace ipack {

/// The project's home page.
inline constexpr std::string_view kProjectUri = "https://github.com/ipack-dev/ipack";

/// docs/rules.md as read on the web: a rule's help URI is this followed by its id, the anchor
/// of its "## `id`" heading.
inline constexpr std::string_view kRuleDocsUri = "https://github.com/ipack-dev/ipack/blob/main/docs/rules.md#";

/// The docs of `.ipack.yaml` `xpathRules:`: the help URI of a config's own XPath rules.
inline constexpr std::string_view kXPathRulesDocsUri = "https://github.com/ipack-dev/ipack/blob/main/docs/manifest.md#xpathrules";

}  // namespace ipack
