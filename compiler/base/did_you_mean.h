#pragma once
/// Suggestions for misspelt names.

#include <string>
#include <string_view>
#include <vector>

namespace ipack {

/// Edit distance in bytes, ignoring case; a swap of two neighbouring characters costs 1.
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a likely typo
/// (distance at most a third of the word's length, and at least 1 allowed); else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace ipack
