#pragma once
/// A YAML scalar's JSON value: YAML 1.2's core schema for plain scalars (null, booleans,
/// decimal, octal `0o` and hexadecimal `0x` integers, floats, `.inf`, `.nan`), strings for
/// everything else.

#include <string>

#include <nlohmann/json.hpp>

namespace ipack {

/// The value of a scalar with yaml-cpp's `tag` ("?" for a plain scalar, "!" for a quoted or
/// block one): plain and core-tagged scalars are resolved by the core schema (an explicit
/// `!!str` stays a string); any other tag leaves the text as a string.
nlohmann::json resolve_scalar(const std::string& tag, const std::string& value);

}  // namespace ipack
