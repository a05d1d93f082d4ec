#include "input/discovery.h"

#include <algorithm>
#include <system_error>

#include "base/folder_entries.h"

namespace ipack {

namespace fs = std::filesystem;

bool is_pack_name(const std::string& name) { return name == "pack.yaml" || name == "pack.yml"; }

bool is_manifest_name(const std::string& name) { return is_pack_name(name) || is_plan_name(name); }

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

// Whether glob[g..] matches path[p..]. Each (g, p) is decided once (`memo`: 0 unknown, 1 no,
// 2 yes), so that many `**` segments take time linear in glob × path, never exponential.
bool segments_match(const std::vector<std::string_view>& glob, size_t g, const std::vector<std::string_view>& path,
                    size_t p, std::vector<unsigned char>& memo) {
  unsigned char& known = memo[g * (path.size() + 1) + p];
  if (known != 0) return known == 2;
  bool match;
  if (g == glob.size()) {
    match = p == path.size();
  } else if (glob[g] == "**") {
    match =
        segments_match(glob, g + 1, path, p, memo) || (p < path.size() && segments_match(glob, g, path, p + 1, memo));
  } else {
    match = p < path.size() && segment_matches(glob[g], path[p]) && segments_match(glob, g + 1, path, p + 1, memo);
  }
  known = match ? 2 : 1;
  return match;
}

}  // namespace

bool glob_matches(std::string_view glob, std::string_view path) {
  auto g = segments(glob), p = segments(path);
  std::vector<unsigned char> memo((g.size() + 1) * (p.size() + 1), 0);
  return segments_match(g, 0, p, 0, memo);
}

bool IgnoreGlobs::ignores(const fs::path& path) const {
  if (globs.empty()) return false;
  std::error_code ec;
  fs::path relative =
      fs::absolute(path, ec).lexically_normal().lexically_relative(fs::absolute(base, ec).lexically_normal());
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
  // Folder by folder, so that one that cannot be read is reported (with its path) and the
  // others are still searched.
  std::vector<std::string> found;
  std::vector<std::string> folders = {dir.native()};
  // Without globs, no path object is made for the question (ignores takes a path).
  auto ignored = [&](const std::string& path) { return !ignore.globs.empty() && ignore.ignores(path); };
  while (!folders.empty()) {
    std::string folder = std::move(folders.back());
    folders.pop_back();
    auto entries = list_folder(folder);
    if (!entries) {
      unreadable.push_back(display_path(folder) + ": " + entries.error());
      continue;
    }
    for (const FolderEntry& e : *entries) {
      if (e.kind == FolderEntry::kFolder && !e.symlink) {
        std::string path = join_path(folder, e.name);
        if (e.name[0] != '.' && !ignored(path)) folders.push_back(std::move(path));
        continue;
      }
      if (e.kind == FolderEntry::kFile && is_manifest_name(e.name)) {
        std::string path = join_path(folder, e.name);
        if (!ignored(path)) found.push_back(std::move(path));
      }
    }
  }
  std::sort(found.begin(), found.end(), path_order_less);
  return {std::make_move_iterator(found.begin()), std::make_move_iterator(found.end())};
}

std::string file_name_of(const fs::path& path) {
  // From the path's text: filename() makes a path, and this runs once per file of a folder.
  const std::string& text = path.native();
  size_t slash = text.rfind('/');
  return slash == std::string::npos ? text : text.substr(slash + 1);
}

namespace {

// Whether a relative path's text is already in normal form: no empty, `.` or `..` parts.
bool plainly_normal(const std::string& text) {
  if (text.empty() || text.front() == '/' || text.back() == '/') return false;
  size_t start = 0;
  for (;;) {
    size_t slash = text.find('/', start);
    size_t length = (slash == std::string::npos ? text.size() : slash) - start;
    if (length == 0 || (text[start] == '.' && (length == 1 || (length == 2 && text[start + 1] == '.')))) return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

std::string display_path(const fs::path& path) {
  if (plainly_normal(path.native())) return path.native();  // most paths: one per export
  // A relative path that stays below the current folder is already what the rest computes,
  // without the two getcwd calls.
  if (path.is_relative() && !path.empty()) {
    fs::path normal = path.lexically_normal();
    if (!normal.empty() && *normal.begin() != "..") return normal.string();
  }
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) return path.lexically_normal().string();
  fs::path cwd = fs::current_path(ec);
  if (ec) return absolute.lexically_normal().string();
  fs::path relative = absolute.lexically_normal().lexically_relative(cwd);
  return relative.empty() ? absolute.lexically_normal().string() : relative.string();
}

}  // namespace ipack
