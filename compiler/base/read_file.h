#pragma once
/// Reading input files with a cap, so that no input larger than its limit is ever held whole.

#include <cstddef>
#include <filesystem>
#include <string>

#include "base/result.h"

namespace ipack {

/// Reads a file of at most `max_bytes` (+1, so that a larger one is seen as larger). The error
/// is the system's reason (e.g. "No such file or directory").
Result<std::string> read_file_capped(const std::filesystem::path& path, size_t max_bytes);

}  // namespace ipack
