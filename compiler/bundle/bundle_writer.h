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
  BundleWriter(BundleWriter&& other) noexcept;
  BundleWriter& operator=(BundleWriter&&) = delete;
  BundleWriter(const BundleWriter&) = delete;
  ~BundleWriter();

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
  BundleWriter(std::filesystem::path target, PendingFile file, int spill)
      : target_(std::move(target)), file_(std::move(file)), spill_(spill) {}
  /// A run of members add_files made: how many entries they hold, and where they wait in the
  /// spill file.
  struct Made {
    size_t entries = 0;
    uint64_t offset = 0;
    uint64_t bytes = 0;
  };
  std::filesystem::path target_;
  PendingFile file_;
  int spill_ = -1;  ///< an unnamed file beside the target: the members wait there, not in memory
  uint64_t spilled_ = 0;
  std::map<std::string, Made> made_;  ///< by the name of the first entry
};

/// open(), then finish(): every entry is read and compressed while writing.
Status write_bundle(const std::filesystem::path& target, CompiledPack compiled, const PrivateKey* key,
                    const std::optional<GitSource>& source, int64_t built_at, unsigned jobs = 1);

}  // namespace ipack
