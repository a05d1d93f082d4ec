#pragma once
/// Which files a `validate` run checks.

#include <filesystem>
#include <string>
#include <vector>

namespace ipack {

/// Whether discovery picks up a file of this name (pack.yaml, pack.yml, NAME.install.yaml).
bool is_manifest_name(const std::string& file_name);
/// Whether the name is a pack manifest's (pack.yaml or pack.yml).
bool is_pack_name(const std::string& file_name);
/// Whether the name is an install plan's (NAME.install.yaml or NAME.install.yml).
bool is_plan_name(const std::string& file_name);

/// Whether a `/`-separated relative path matches a glob: `*` and `?` within one segment,
/// `**` any number of segments (`archive/**`, `**/drafts/*`).
bool glob_matches(std::string_view glob, std::string_view path);

/// The config's `ignore:` globs, relative to the folder holding the config.
struct IgnoreGlobs {
  std::filesystem::path base;
  std::vector<std::string> globs;
  /// Whether `path` (a file or folder) or a folder above it, up to `base`, matches a glob.
  bool ignores(const std::filesystem::path& path) const;
};

/// The manifests under `dir`, searched recursively, skipping hidden folders, what `ignore`
/// ignores, and not following symbolic links to folders; sorted. Folders that cannot be read
/// are listed in `unreadable`.
std::vector<std::filesystem::path> discover_manifests(const std::filesystem::path& dir,
                                                      std::vector<std::string>& unreadable,
                                                      const IgnoreGlobs& ignore = {});

/// The last part of `path`'s text (what `path.filename()` gives for a file's path).
std::string file_name_of(const std::filesystem::path& path);

/// `path` as findings print it: relative to the current directory, normalised.
std::string display_path(const std::filesystem::path& path);

}  // namespace ipack
