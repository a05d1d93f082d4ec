#include "base/semver.h"

#include <cctype>

namespace ipack {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::optional<unsigned long long> number(std::string_view s) {
  if (!all_digits(s) || (s.size() > 1 && s[0] == '0') || s.size() > 18) return std::nullopt;
  return std::stoull(std::string(s));
}

}  // namespace

std::optional<SemVer> parse_semver(std::string_view text) {
  text = text.substr(0, text.find('+'));
  std::string_view core = text.substr(0, text.find('-'));
  SemVer v;
  unsigned long long* parts[] = {&v.major, &v.minor, &v.patch};
  for (int i = 0; i < 3; ++i) {
    size_t dot = core.find('.');
    if ((i < 2) == (dot == std::string_view::npos)) return std::nullopt;
    auto n = number(core.substr(0, dot));
    if (!n) return std::nullopt;
    *parts[i] = *n;
    core = i < 2 ? core.substr(dot + 1) : std::string_view{};
  }
  size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    std::string_view pre = text.substr(dash + 1);
    while (true) {
      size_t dot = pre.find('.');
      std::string_view id = pre.substr(0, dot);
      if (id.empty() || (all_digits(id) && !number(id))) return std::nullopt;
      v.prerelease.emplace_back(id);
      if (dot == std::string_view::npos) break;
      pre.remove_prefix(dot + 1);
    }
  }
  return v;
}

int compare_semver(const SemVer& a, const SemVer& b) {
  for (auto [x, y] : {std::pair{a.major, b.major}, {a.minor, b.minor}, {a.patch, b.patch}})
    if (x != y) return x < y ? -1 : 1;
  // A pre-release is lower than the release itself.
  if (a.prerelease.empty() != b.prerelease.empty()) return a.prerelease.empty() ? 1 : -1;
  for (size_t i = 0; i < a.prerelease.size() && i < b.prerelease.size(); ++i) {
    const std::string &x = a.prerelease[i], &y = b.prerelease[i];
    bool xn = all_digits(x), yn = all_digits(y);
    if (xn && yn) {
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
      if (x != y) return x < y ? -1 : 1;
    } else if (xn != yn) {
      return xn ? -1 : 1;  // numeric identifiers are lower than alphanumeric ones
    } else if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  if (a.prerelease.size() != b.prerelease.size()) return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
  return 0;
}

}  // namespace ipack
