#include "input/discovery.h"

#include <algorithm>
#include <system_error>

namespace ipack {

namespace fs = std::filesystem;

bool is_manifest_name(const std::string& name) { return name == "pack.yaml" || name == "pack.yml" || is_plan_name(name); }

bool is_plan_name(const std::string& name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".install.yaml") || ends_with(".install.yml");
}

namespace {

// `*` and `?` within one segment.
bool segment_matches(std::string_view glob, std::string_view name) {
  size_t g = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (g < glob.size() && (glob[g] == '?' || glob[g] == name[n])) {
      ++g, ++n;
    } else if (g < glob.size() && glob[g] == '*') {
      star = g++;
      resume = n;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty()) out.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool segments_match(const std::vector<std::string_view>& glob, size_t g, const std::vector<std::string_view>& path,
                    size_t p) {
  if (g == glob.size()) return p == path.size();
  if (glob[g] == "**") {
    for (size_t skip = p; skip <= path.size(); ++skip)
      if (segments_match(glob, g + 1, path, skip)) return true;
    return false;
  }
  return p < path.size() && segment_matches(glob[g], path[p]) && segments_match(glob, g + 1, path, p + 1);
}

}  // namespace

bool glob_matches(std::string_view glob, std::string_view path) {
  return segments_match(segments(glob), 0, segments(path), 0);
}

bool IgnoreGlobs::ignores(const fs::path& path) const {
  if (globs.empty()) return false;
  std::error_code ec;
  fs::path relative = fs::absolute(path, ec).lexically_normal().lexically_relative(fs::absolute(base, ec).lexically_normal());
  std::string r = relative.generic_string();
  if (r.empty() || r == "." || r.rfind("..", 0) == 0) return false;
  // The path itself, then each folder above it.
  for (std::string_view candidate = r; !candidate.empty();) {
    for (const auto& g : globs)
      if (glob_matches(g, candidate)) return true;
    size_t slash = candidate.rfind('/');
    candidate = slash == std::string_view::npos ? std::string_view{} : candidate.substr(0, slash);
  }
  return false;
}

std::vector<fs::path> discover_manifests(const fs::path& dir, std::vector<std::string>& unreadable,
                                         const IgnoreGlobs& ignore) {
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
      if ((!name.empty() && name[0] == '.') || ignore.ignores(entry.path())) it.disable_recursion_pending();
      continue;
    }
    if (is_manifest_name(name) && entry.is_regular_file(ec) && !ignore.ignores(entry.path()))
      found.push_back(entry.path());
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
