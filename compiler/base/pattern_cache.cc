#include "base/pattern_cache.h"

#include <unordered_map>

namespace ipack {

std::shared_ptr<const std::regex> compiled_pattern(const std::string& pattern, std::string* error) {
  struct Compiled {
    std::shared_ptr<const std::regex> regex;
    std::string error;
  };
  // Bounded: a run over many packs with patterns of their own compiles each again, no more.
  constexpr size_t kKept = 256;
  thread_local std::unordered_map<std::string, Compiled> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    if (cache.size() >= kKept) cache.clear();
    Compiled c;
    try {
      c.regex = std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      c.error = e.what();
    }
    it = cache.emplace(pattern, std::move(c)).first;
  }
  if (error) *error = it->second.error;
  return it->second.regex;
}

}  // namespace ipack
