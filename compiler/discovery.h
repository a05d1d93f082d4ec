#pragma once
/// Which files a `validate` run checks.

#include <filesystem>
#include <string>
#include <vector>

namespace ipack {

/// Whether discovery picks up a file of this name (pack.yaml, pack.yml).
bool is_manifest_name(const std::string& file_name);

/// The manifests under `dir`, searched recursively, skipping hidden folders and not following
/// symbolic links to folders; sorted. Folders that cannot be read are listed in `unreadable`.
std::vector<std::filesystem::path> discover_manifests(const std::filesystem::path& dir,
                                                      std::vector<std::string>& unreadable);

/// `path` as findings print it: relative to the current directory, normalised.
std::string display_path(const std::filesystem::path& path);

}  // namespace ipack
