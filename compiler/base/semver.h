#pragma once
/// SemVer 2.0.0 versions and their precedence.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipack {

struct SemVer {
  unsigned long long major = 0, minor = 0, patch = 0;
  std::vector<std::string> prerelease;  ///< dot-separated identifiers; build metadata is dropped
};

/// Parses MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]; nothing when it is not SemVer.
std::optional<SemVer> parse_semver(std::string_view text);
/// SemVer precedence: <0, 0 or >0 (build metadata does not count).
int compare_semver(const SemVer& a, const SemVer& b);

}  // namespace ipack
