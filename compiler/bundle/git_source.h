#pragma once
/// Where a pack was built from, when it is in a git work tree (docs/bundle.md `source`).

#include <filesystem>
#include <optional>
#include <string>

namespace ipack {

struct GitSource {
  std::string commit;  ///< HEAD
  bool clean = false;  ///< no change, staged or not, and no untracked file under the pack's folder
};

/// Asks git about `pack_dir`; nothing when git is not there or the folder is not in a work tree.
std::optional<GitSource> git_source(const std::filesystem::path& pack_dir);

/// The git work tree a path would be written into, and whether git ignores that path there.
struct GitPlacement {
  std::filesystem::path work_tree;  ///< its top folder
  bool ignored = false;
};

/// Asks git about `file` (which need not exist yet); nothing when git is not there or no work
/// tree holds the file's folder.
std::optional<GitPlacement> git_placement(const std::filesystem::path& file);

}  // namespace ipack
