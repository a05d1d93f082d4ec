#pragma once
/// The checks every pack.json passes before anything reads a field of it: its text is bounded
/// (size, nesting, number of values) before it is parsed, and its parsed shape (the types of the
/// fields ipack reads) is checked before use, so that a hostile bundle is refused, not obeyed.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ipack {

struct PackJsonLimits {
  size_t max_bytes = 32u << 20;
  size_t max_depth = 64;
  size_t max_values = 2'000'000;  ///< counted as `[`, `{` and `,` outside strings
};

/// "" when `text` is within the limits, else why not. Linear, and allocates nothing.
std::string pack_json_text_problem(std::string_view text, const PackJsonLimits& limits = {});

/// "" when `pack` has the shape of an ipack-bundle/1 pack.json (format, metadata, packages,
/// files and the optional fields, each of the type ipack reads), else the first problem found.
std::string pack_json_shape_problem(const nlohmann::json& pack);

}  // namespace ipack
