#include "input/yaml_scalar.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace ipack {
namespace {

using nlohmann::json;

bool is_one_of(const std::string& s, std::initializer_list<const char*> options) {
  for (const char* o : options)
    if (s == o) return true;
  return false;
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s)
    if (!pred(c)) return false;
  return true;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_octal_digit(char c) { return c >= '0' && c <= '7'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
std::string_view without_sign(std::string_view s) {
  return !s.empty() && (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
}

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_core_float(std::string_view s) {
  s = without_sign(s);
  size_t i = 0, int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  bool dot = i < s.size() && s[i] == '.';
  if (dot) {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

// YAML 1.2 core schema, for plain (untagged) scalars.
json resolve_plain_scalar(const std::string& s) {
  if (s.empty()) return nullptr;
  if (s.size() <= 5) {  // the longest of these words; most scalars are longer
    if (is_one_of(s, {"~", "null", "Null", "NULL"})) return nullptr;
    if (is_one_of(s, {"true", "True", "TRUE"})) return true;
    if (is_one_of(s, {"false", "False", "FALSE"})) return false;
  }
  // Longer plain scalars are strings; no manifest number needs more digits.
  constexpr size_t kLongestNumber = 400;
  char first = s[0];
  bool may_be_number = is_digit(first) || first == '-' || first == '+' || first == '.';
  if (s.size() > kLongestNumber || !may_be_number) return s;
  auto integer = [&](const char* digits, int base) -> json {
    errno = 0;
    long long v = std::strtoll(digits, nullptr, base);
    if (errno == ERANGE) return std::strtod(s.c_str(), nullptr);
    return v;
  };
  std::string_view v(s);
  if (all_of(without_sign(v), is_digit)) return integer(s.c_str(), 10);
  if (v.substr(0, 2) == "0o" && all_of(v.substr(2), is_octal_digit)) return integer(s.c_str() + 2, 8);
  if (v.substr(0, 2) == "0x" && all_of(v.substr(2), is_hex_digit)) return integer(s.c_str() + 2, 16);
  if (is_core_float(v)) return std::strtod(s.c_str(), nullptr);
  if (is_one_of(s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) return HUGE_VAL;
  if (is_one_of(s, {"-.inf", "-.Inf", "-.INF"})) return -HUGE_VAL;
  if (is_one_of(s, {".nan", ".NaN", ".NAN"})) return NAN;
  return s;
}

}  // namespace

json resolve_scalar(const std::string& tag, const std::string& value) {
  if (tag == "?") return resolve_plain_scalar(value);
  static const std::string core = "tag:yaml.org,2002:";
  if (tag.compare(0, core.size(), core) == 0 && tag != core + "str") {
    json v = resolve_plain_scalar(value);
    if (!v.is_string()) return v;
  }
  return value;  // quoted, block, "!" and "!!str" scalars, and tags ipack does not know
}

}  // namespace ipack
