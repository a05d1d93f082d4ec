#include "bundle/canonical_json.h"

#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

using ipack::canonical_json;
using nlohmann::json;

namespace {

// What canonical_json promises to write: nlohmann's compact form, strict about UTF-8.
std::string reference(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::strict); }

// Strings from pieces that need every kind of handling: plain ASCII, each escape, every other
// control character, DEL, and code points of two, three and four bytes.
std::string random_string(std::mt19937& rng) {
  static const char* const kPieces[] = {"a",
                                        "Zz",
                                        " ",
                                        "/",
                                        "\"",
                                        "\\",
                                        "\b",
                                        "\f",
                                        "\n",
                                        "\r",
                                        "\t",
                                        "\x7f",
                                        "\xc3\xa9",
                                        "\xe2\x82\xac",
                                        "\xf0\x9f\x98\x80",
                                        "0123456789abcdef"};
  std::string s;
  for (int n = std::uniform_int_distribution<int>(0, 12)(rng); n > 0; --n) {
    if (std::uniform_int_distribution<int>(0, 5)(rng) == 0)
      s += static_cast<char>(std::uniform_int_distribution<int>(0, 0x1f)(rng));
    else
      s += kPieces[std::uniform_int_distribution<size_t>(0, std::size(kPieces) - 1)(rng)];
  }
  return s;
}

json random_value(std::mt19937& rng, int depth) {
  switch (std::uniform_int_distribution<int>(0, depth > 3 ? 5 : 7)(rng)) {
    case 0: return nullptr;
    case 1: return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 2: return std::uniform_int_distribution<int64_t>(std::numeric_limits<int64_t>::min())(rng);
    case 3: return std::uniform_int_distribution<uint64_t>()(rng);
    case 4:
    case 5: return random_string(rng);
    case 6: {
      json a = json::array();
      for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n) a.push_back(random_value(rng, depth + 1));
      return a;
    }
    default: {
      json o = json::object();
      for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n) {
        std::string key;
        for (char c : random_string(rng))
          if (static_cast<unsigned char>(c) < 0x80) key += c;  // keys are ASCII
        o[key] = random_value(rng, depth + 1);
      }
      return o;
    }
  }
}

}  // namespace

TEST_CASE("canonical_json writes what nlohmann's compact dump writes, byte for byte") {
  SECTION("every control character, the escapes, DEL and multi-byte code points") {
    std::string all;
    for (int c = 0; c < 0x80; ++c) all += static_cast<char>(c);
    all += "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    json v = {{"s", all}, {all.substr(1, 0x7f), {all, "", 0, -1}}};
    CHECK(canonical_json(v) == reference(v));
    CHECK(canonical_json(json::object()) == "{}");
    CHECK(canonical_json(json::array()) == "[]");
  }
  SECTION("the extremes of both kinds of integer") {
    json v = json::array({std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(),
                          std::numeric_limits<uint64_t>::max(), 0, -0, true, false, nullptr});
    CHECK(canonical_json(v) == reference(v));
  }
  SECTION("2,000 random documents") {
    std::mt19937 rng(20261202);
    for (int i = 0; i < 2000; ++i) {
      json v = random_value(rng, 0);
      INFO(reference(v));
      REQUIRE(canonical_json(v) == reference(v));
    }
  }
}

TEST_CASE("canonical_json writes canonical text made elsewhere as it is") {
  json v = {{"b", ipack::canonical_text(R"({"x":[1,"\u001f"]})")}, {"a", 1}};
  CHECK(canonical_json(v) == R"({"a":1,"b":{"x":[1,"\u001f"]}})");
  std::string s;
  ipack::append_canonical_string(s, "a\"b\n\x01");
  CHECK(s == reference(json("a\"b\n\x01")));
}

TEST_CASE("canonical_json refuses what its canonical form does not cover") {
  CHECK_THROWS_AS(canonical_json(json{{"n", 1.5}}), std::logic_error);
  CHECK_THROWS_AS(canonical_json(json{{"caf\xc3\xa9", 1}}), std::logic_error);       // a key that is not ASCII
  CHECK_THROWS_AS(canonical_json(json::array({"\xc3"})), std::logic_error);          // cut short
  CHECK_THROWS_AS(canonical_json(json::array({"\xed\xa0\x80"})), std::logic_error);  // a surrogate
  CHECK_THROWS_AS(canonical_json(json::array({"\xc0\xaf"})), std::logic_error);      // overlong
  CHECK_THROWS_AS(canonical_json(json::binary({1, 2})), std::logic_error);
}
