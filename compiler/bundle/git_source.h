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

}  // namespace ipack
