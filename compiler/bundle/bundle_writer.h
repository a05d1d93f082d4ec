#pragma once
/// Writes a bundle: a gzip-compressed POSIX tar in the reproducible form of bundle.md.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bundle/pack_compiler.h"

namespace ipack {

/// Writes `pack_json`, then `signature` as pack.sig (when there is one), then `entries` in
/// order, every entry with mtime `built_at`, owner and group 0 with empty names, mode 0644;
/// the gzip header has no name and a zero time. Written to a temporary file in the target's
/// folder and renamed, so a failed or killed build leaves no bundle. Returns "" or why not.
std::string write_bundle(const std::filesystem::path& target, const std::string& pack_json,
                         const std::optional<std::string>& signature, const std::vector<BundleEntry>& entries,
                         int64_t built_at);

}  // namespace ipack
