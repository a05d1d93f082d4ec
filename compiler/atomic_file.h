#pragma once
/// Writing outputs so that no reader ever sees a half-written file.

#include <filesystem>
#include <string>
#include <string_view>

namespace ipack {

/// Writes `content` to a temporary file in `path`'s folder, then renames it over `path`.
/// Returns "" on success, else why it failed (and nothing is left behind).
std::string write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace ipack
