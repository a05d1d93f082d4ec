#include "base/pattern_cache.h"

#include <thread>

#include <catch2/catch.hpp>

namespace ipack {

TEST_CASE("a pattern is compiled once per thread, and one that does not compile says why", "[pattern]") {
  auto url = compiled_pattern("^https://[a-z.]+$");
  REQUIRE(url);
  CHECK(std::regex_search("https://example.com", *url));
  CHECK_FALSE(std::regex_search("http://example.com", *url));
  CHECK(compiled_pattern("^https://[a-z.]+$") == url);  // the same regex, not compiled again

  std::string error = "left over";
  CHECK(compiled_pattern("^https://[a-z.]+$", &error) == url);
  CHECK(error.empty());
  CHECK_FALSE(compiled_pattern("(", &error));
  CHECK_FALSE(error.empty());
  std::string again;
  CHECK_FALSE(compiled_pattern("(", &again));
  CHECK(again == error);

  // Another thread compiles its own.
  std::shared_ptr<const std::regex> other;
  std::thread([&] { other = compiled_pattern("^https://[a-z.]+$"); }).join();
  REQUIRE(other);
  CHECK(other != url);

  // Past 256 others the cache starts again; regexes handed out stay valid.
  for (int i = 0; i < 300; ++i) CHECK(compiled_pattern("^x" + std::to_string(i) + "$"));
  CHECK(std::regex_search("https://example.com", *url));
}

}  // namespace ipack
