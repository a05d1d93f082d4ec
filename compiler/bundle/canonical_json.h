#pragma once
/// RFC 8785 canonical JSON for the documents ipack writes.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace ipack {

/// The canonical form of `value`: keys sorted, no insignificant white space, UTF-8, the
/// escapes RFC 8785 prescribes. For documents whose keys are ASCII and whose numbers are
/// integers (all that ipack writes) nlohmann's compact form is exactly that; anything else
/// is a bug in the caller and throws std::logic_error.
///
/// One exception: a binary value of subtype kCanonicalText holds canonical JSON text already
/// written, and is written as it is (compile_pack writes the closures of pack.json so, megabytes
/// of members and digests that need no tree). Any other binary value throws.
std::string canonical_json(const nlohmann::json& value);

inline constexpr std::uint64_t kCanonicalText = 0x63616e6f;  // "cano"

/// A value that canonical_json writes as `text`, which must be canonical JSON itself.
nlohmann::json canonical_text(const std::string& text);

/// Appends the canonical form of the string `s` (quoted, escaped); throws std::logic_error when
/// `s` is not UTF-8.
void append_canonical_string(std::string& out, const std::string& s);

}  // namespace ipack
