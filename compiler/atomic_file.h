#pragma once
/// Writing outputs so that no reader ever sees a half-written file.

#include <filesystem>
#include <string>
#include <string_view>

namespace ipack {

/// Creates a temporary file beside `target` (`.<name>.XXXXXX`) with the mode a new file gets
/// (0666 less the umask), for writing and then renaming over `target`. Returns its descriptor
/// and sets `temp_path`, or -1 with errno set.
int create_temp_beside(const std::filesystem::path& target, std::string& temp_path);

/// Writes `content` to a temporary file in `path`'s folder, then renames it over `path`.
/// Returns "" on success, else why it failed (and nothing is left behind).
std::string write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace ipack
