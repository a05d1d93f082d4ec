#include "bundle/canonical_json.h"

#include <stdexcept>

namespace ipack {
namespace {

// RFC 8785 sorts keys by UTF-16 code units and prints numbers the ECMAScript way; for ASCII
// keys and integers both agree with std::map's byte order and nlohmann's integer output.
void require_simple(const nlohmann::json& v) {
  if (v.is_number_float()) throw std::logic_error("canonical_json: floating-point numbers are not written");
  if (v.is_object()) {
    for (const auto& [key, child] : v.items()) {
      for (unsigned char c : key)
        if (c >= 0x80) throw std::logic_error("canonical_json: keys must be ASCII");
      require_simple(child);
    }
  } else if (v.is_array()) {
    for (const auto& child : v) require_simple(child);
  }
}

}  // namespace

std::string canonical_json(const nlohmann::json& value) {
  require_simple(value);
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

}  // namespace ipack
