#pragma once
/// Writes a bundle: completes pack.json (the entries' digests, the signer, the git source),
/// signs it, and writes a gzip-compressed POSIX tar in the reproducible form of docs/bundle.md.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/atomic_file.h"
#include "base/result.h"
#include "bundle/git_source.h"
#include "bundle/pack_compiler.h"
#include "bundle/signing.h"

namespace ipack {

/// One bundle being written to a temporary file beside its target, renamed into place by
/// finish(); dropped unfinished, it leaves nothing. The archive is a run of gzip members
/// (bundle/tar_members.h): the exports' members can be made before pack.json, which needs
/// their digests and comes first.
class BundleWriter {
 public:
  static Result<BundleWriter> open(const std::filesystem::path& target);

  /// Reads each entry made from a file once: fills its SHA-256 and size and compresses its part
  /// of the archive, on up to `jobs` threads. `entries` must be consecutive in the bundle's
  /// order (sorted by name) and stay where they are until finish().
  Status add_files(std::vector<BundleEntry>& entries, int64_t built_at, unsigned jobs);

  /// Adds `files`, `signer` and `source` to `compiled.pack`, signs its canonical form with
  /// `key` (none: an unsigned bundle), and writes pack.json, pack.sig (when signed), then the
  /// entries in order, every entry with mtime `built_at`, owner and group 0 with empty names,
  /// mode 0644; each gzip member's header has no name and a zero time. Entries that add_files
  /// did not take are read here.
  Status finish(CompiledPack compiled, const PrivateKey* key, const std::optional<GitSource>& source,
                int64_t built_at, unsigned jobs);

 private:
  BundleWriter(std::filesystem::path target, PendingFile file) : target_(std::move(target)), file_(std::move(file)) {}
  std::filesystem::path target_;
  PendingFile file_;
  /// The members add_files made, by the name of the first entry they hold, with how many they hold.
  std::map<std::string, std::pair<size_t, std::vector<std::string>>> made_;
};

/// open(), then finish(): every entry is read and compressed while writing.
Status write_bundle(const std::filesystem::path& target, CompiledPack compiled, const PrivateKey* key,
                    const std::optional<GitSource>& source, int64_t built_at, unsigned jobs = 1);

}  // namespace ipack
