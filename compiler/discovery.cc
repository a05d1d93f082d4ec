#include "discovery.h"

#include <algorithm>
#include <system_error>

namespace ipack {

namespace fs = std::filesystem;

bool is_manifest_name(const std::string& name) { return name == "pack.yaml" || name == "pack.yml"; }

std::vector<fs::path> discover_manifests(const fs::path& dir, std::vector<std::string>& unreadable) {
  std::vector<fs::path> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  if (ec) {
    unreadable.push_back(display_path(dir) + ": " + ec.message());
    return found;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      unreadable.push_back(display_path(it->path()) + ": " + ec.message());
      ec.clear();
      continue;
    }
    const fs::directory_entry& entry = *it;
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
      continue;
    }
    if (is_manifest_name(name) && entry.is_regular_file(ec)) found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string display_path(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) return path.lexically_normal().string();
  fs::path cwd = fs::current_path(ec);
  if (ec) return absolute.lexically_normal().string();
  fs::path relative = absolute.lexically_normal().lexically_relative(cwd);
  return relative.empty() ? absolute.lexically_normal().string() : relative.string();
}

}  // namespace ipack
