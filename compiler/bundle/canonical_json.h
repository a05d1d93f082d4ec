#pragma once
/// RFC 8785 canonical JSON for the documents ipack writes.

#include <string>

#include <nlohmann/json.hpp>

namespace ipack {

/// The canonical form of `value`: keys sorted, no insignificant white space, UTF-8, the
/// escapes RFC 8785 prescribes. For documents whose keys are ASCII and whose numbers are
/// integers (all that ipack writes) nlohmann's compact form is exactly that; anything else
/// is a bug in the caller and throws std::logic_error.
std::string canonical_json(const nlohmann::json& value);

}  // namespace ipack
