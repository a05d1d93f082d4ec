#pragma once
/// The rules' documentation, taken from docs/rules.md as compiled in: `explain` prints the very
/// text the docs show.

#include <string>
#include <string_view>

namespace ipack {

/// The section of docs/rules.md headed "## `id`", up to the next section; "" when there is none.
std::string rule_documentation(std::string_view id);

}  // namespace ipack
