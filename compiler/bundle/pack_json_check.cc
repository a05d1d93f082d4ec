#include "bundle/pack_json_check.h"

#include <cstring>

#include <fmt/format.h>

namespace ipack {
namespace {

using nlohmann::json;

// A member that, when present and not null, must satisfy `ok`.
template <typename Ok>
std::string optional_member(const json& object, const char* key, const std::string& where, const char* what, Ok ok) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null() || ok(*it)) return "";
  return fmt::format("pack.json: `{}{}` is not {}", where, key, what);
}

std::string required_member(const json& object, const char* key, const std::string& where, const char* what,
                            bool (json::*ok)() const noexcept) {
  auto it = object.find(key);
  if (it == object.end()) return fmt::format("pack.json has no `{}{}`", where, key);
  if (!((*it).*ok)()) return fmt::format("pack.json: `{}{}` is not {}", where, key, what);
  return "";
}

bool is_string(const json& j) { return j.is_string(); }

std::string strings(const json& object, std::initializer_list<const char*> keys, const std::string& where) {
  for (const char* key : keys)
    if (auto why = optional_member(object, key, where, "a string", is_string); !why.empty()) return why;
  return "";
}

std::string closure_problem(const json& closure, const std::string& where) {
  if (closure.is_null()) return "";
  if (!closure.is_object()) return fmt::format("pack.json: `{}closure` is not an object", where);
  auto components = closure.find("components");
  if (components == closure.end()) return "";
  if (!components->is_array()) return fmt::format("pack.json: `{}closure.components` is not an array", where);
  for (size_t i = 0; i < components->size(); ++i) {
    const json& c = (*components)[i];
    std::string at = fmt::format("{}closure.components[{}]", where, i);
    if (!c.is_object()) return fmt::format("pack.json: `{}` is not an object", at);
    if (auto why = strings(c, {"id", "name", "type", "version", "sha256"}, at + "."); !why.empty()) return why;
  }
  return "";
}

std::string packages_problem(const json& packages) {
  for (size_t i = 0; i < packages.size(); ++i) {
    const json& p = packages[i];
    std::string at = fmt::format("packages[{}]", i);
    if (!p.is_object()) return fmt::format("pack.json: `{}` is not an object", at);
    if (auto why = required_member(p, "component", at + ".", "a string", &json::is_string); !why.empty()) return why;
    if (auto why = strings(p, {"name", "type", "packageVersion"}, at + "."); !why.empty()) return why;
    if (auto c = p.find("closure"); c != p.end())
      if (auto why = closure_problem(*c, at + "."); !why.empty()) return why;
  }
  return "";
}

std::string files_problem(const json& files) {
  for (const auto& [name, digest] : files.items()) {
    std::string at = fmt::format("files[\"{}\"]", name);
    if (!digest.is_object()) return fmt::format("pack.json: `{}` is not an object", at);
    if (auto why = required_member(digest, "sha256", at + ".", "a string", &json::is_string); !why.empty()) return why;
    if (auto why = required_member(digest, "size", at + ".", "a whole number", &json::is_number_unsigned); !why.empty())
      return why;
  }
  return "";
}

std::string extensions_problem(const json& extensions) {
  for (const auto& [kind, entries] : extensions.items()) {
    if (!entries.is_array()) return fmt::format("pack.json: `extensions.{}` is not an array", kind);
    for (const auto& e : entries)
      if (!e.is_object()) return fmt::format("pack.json: an entry of `extensions.{}` is not an object", kind);
  }
  return "";
}

}  // namespace

std::string pack_json_text_problem(std::string_view text, const PackJsonLimits& limits) {
  if (text.size() > limits.max_bytes) return fmt::format("pack.json is over the {} MiB limit", limits.max_bytes >> 20);
  size_t depth = 0, values = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    switch (*p++) {
      case '"': {
        // A string, to its closing quote: memchr finds the next quote and the backslashes
        // before it (most of pack.json is strings: ids, names, digests). Each search starts
        // past the last one, so a string of many escapes is still read in linear time.
        const char* quote = nullptr;  // the first quote at or after p (end when none), once looked for
        for (;;) {
          if (!quote || quote < p) {
            const void* found = std::memchr(p, '"', static_cast<size_t>(end - p));
            quote = found ? static_cast<const char*>(found) : end;
          }
          const void* backslash = std::memchr(p, '\\', static_cast<size_t>(quote - p));
          if (backslash) {
            const char* b = static_cast<const char*>(backslash);
            if (end - b < 2) return "";  // the text ends in the escape
            p = b + 2;                   // the backslash and what it escapes
            continue;
          }
          if (quote == end) return "";  // not closed: nothing after it counts
          p = quote + 1;
          break;
        }
        break;
      }
      case '[':
      case '{':
        if (++depth > limits.max_depth) return fmt::format("pack.json nests deeper than {} levels", limits.max_depth);
        [[fallthrough]];
      case ',':
        if (++values > limits.max_values) return fmt::format("pack.json holds over {} values", limits.max_values);
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default: break;
    }
  }
  return "";
}

std::string pack_json_shape_problem(const json& pack) {
  if (!pack.is_object()) return "pack.json is not a JSON object";
  const auto format = pack.find("format");
  if (format == pack.end() || *format != "ipack-bundle/1")
    return fmt::format("unknown bundle format {}; this ipack reads ipack-bundle/1",
                       format == pack.end() ? "(none)" : format->dump());
  if (auto why = required_member(pack, "metadata", "", "an object", &json::is_object); !why.empty()) return why;
  for (const char* key : {"name", "version"})
    if (auto why = required_member(pack["metadata"], key, "metadata.", "a string", &json::is_string); !why.empty())
      return why;
  if (auto why = required_member(pack, "packages", "", "an array", &json::is_array); !why.empty()) return why;
  if (auto why = packages_problem(pack["packages"]); !why.empty()) return why;
  if (auto why = required_member(pack, "files", "", "an object", &json::is_object); !why.empty()) return why;
  if (auto why = files_problem(pack["files"]); !why.empty()) return why;
  if (auto why = strings(pack, {"signer"}, ""); !why.empty()) return why;
  auto is_object = [](const json& j) { return j.is_object(); };
  for (const char* key : {"spec", "source", "extensions"})
    if (auto why = optional_member(pack, key, "", "an object", is_object); !why.empty()) return why;
  if (auto why = optional_member(pack, "builtAt", "", "a number", [](const json& j) { return j.is_number(); });
      !why.empty())
    return why;
  if (auto e = pack.find("extensions"); e != pack.end() && e->is_object())
    if (auto why = extensions_problem(*e); !why.empty()) return why;
  return "";
}

}  // namespace ipack
