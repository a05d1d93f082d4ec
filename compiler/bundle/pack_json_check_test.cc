#include "bundle/pack_json_check.h"

#include <random>
#include <string>

#include <fmt/format.h>
#include <catch2/catch.hpp>

using ipack::pack_json_text_problem;
using ipack::PackJsonLimits;

namespace {

// The plain reading, a byte at a time: what pack_json_text_problem must agree with.
std::string byte_by_byte(std::string_view text, const PackJsonLimits& limits) {
  if (text.size() > limits.max_bytes) return fmt::format("pack.json is over the {} MiB limit", limits.max_bytes >> 20);
  size_t depth = 0, values = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') {
      if (++depth > limits.max_depth) return fmt::format("pack.json nests deeper than {} levels", limits.max_depth);
    }
    if (c == '[' || c == '{' || c == ',') {
      if (++values > limits.max_values) return fmt::format("pack.json holds over {} values", limits.max_values);
    }
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return "";
}

}  // namespace

TEST_CASE("pack.json's depth and values are counted outside strings, escapes and all", "[pack-json]") {
  PackJsonLimits tight;
  tight.max_depth = 4;
  tight.max_values = 12;
  SECTION("brackets and commas inside strings, after escaped quotes and backslashes") {
    CHECK(pack_json_text_problem(R"({"a":"[[[[[,,,,,,,,,,,,,,","b":"\"[[[[[[","c":"\\"})", tight) == "");
    CHECK(pack_json_text_problem(R"({"a":"\\",[[[[[]]]]]})", tight) == "pack.json nests deeper than 4 levels");
    CHECK(pack_json_text_problem(R"(["unclosed \" [[[[[[)", tight) == "");
    CHECK(pack_json_text_problem("[\"ends in an escape \\", tight) == "");
  }
  SECTION("20,000 random texts read as a byte at a time reads them") {
    static const char kBytes[] = {'"', '\\', '[', ']', '{', '}', ',', 'a', ':'};
    std::mt19937 rng(20261202);
    for (int i = 0; i < 20000; ++i) {
      std::string text;
      for (int n = std::uniform_int_distribution<int>(0, 60)(rng); n > 0; --n)
        text += kBytes[std::uniform_int_distribution<size_t>(0, sizeof kBytes - 1)(rng)];
      INFO(text);
      REQUIRE(pack_json_text_problem(text, tight) == byte_by_byte(text, tight));
    }
  }
}
