#pragma once
/// Writes a bundle: completes pack.json (the entries' digests, the signer, the git source),
/// signs it, and writes a gzip-compressed POSIX tar in the reproducible form of docs/bundle.md.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "bundle/git_source.h"
#include "bundle/pack_compiler.h"
#include "bundle/signing.h"

namespace ipack {

/// Adds `files`, `signer` and `source` to `compiled.pack`, signs its canonical form with `key`
/// (none: an unsigned bundle), and writes pack.json, pack.sig (when signed), then the entries in
/// order, every entry with mtime `built_at`, owner and group 0 with empty names, mode 0644; the
/// gzip header has no name and a zero time. Written to a temporary file in the target's folder
/// and renamed, so a failed or killed build leaves no bundle.
Status write_bundle(const std::filesystem::path& target, CompiledPack compiled, const PrivateKey* key,
                    const std::optional<GitSource>& source, int64_t built_at);

}  // namespace ipack
