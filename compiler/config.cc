#include "config.h"

#include <system_error>

#include "rules/pack_view.h"

namespace ipack {

namespace fs = std::filesystem;

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  for (;;) {
    fs::path candidate = dir / ".ipack.yaml";
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (fs::exists(dir / ".git", ec) || !dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

AccountFeatures features_of(const nlohmann::json& config) {
  AccountFeatures features;
  const auto* listed = pack_view::member(pack_view::member(&config, "account"), "features");
  if (!listed || !listed->is_array()) return features;
  features.enabled.clear();
  for (const auto& f : *listed)
    if (f.is_string()) features.enabled.insert(f.get<std::string>());
  return features;
}

}  // namespace ipack
