#pragma once
/// The bundle's tar stream as independent gzip members, compressed in parallel with
/// libdeflate. A gzip file may hold several members one after the other (RFC 1952, 2.2);
/// `gzip -d`, `gzip -t`, tar and ipack's own reader expand them as one stream. The members'
/// boundaries depend only on the entries' sizes, never on the number of threads, so a bundle is
/// the same bytes whatever `--jobs` is.

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "bundle/pack_compiler.h"

namespace ipack {

/// A run of consecutive entries is one member once it holds at least this many bytes of tar.
inline constexpr uint64_t kTarMemberBytes = 1 << 20;
/// An entry made in memory whose tar bytes are over kTarMemberBytes (pack.json of a large pack)
/// is cut into members of this many bytes of tar (the last one shorter), compressed in parallel.
inline constexpr uint64_t kSliceBytes = 1 << 19;
/// ... at libdeflate's level 1: pack.json, mostly SHA-256 digests and ids, compresses 2.5 times
/// as fast as at level 6 and 9% larger, about 1% of a bundle (docs/performance.md, "Fourth round").
inline constexpr int kSliceLevel = 1;
/// libdeflate's level 6 for everything else: the exports' members within about 1% of zlib's
/// default level (one stream), and about twice as fast; level 5 is already over 5% larger
/// (docs/performance.md, "Bundles").
inline constexpr int kDeflateLevel = 6;

/// Whether `entry` is cut into slices of kSliceBytes: made in memory, and over kTarMemberBytes
/// of tar. Such an entry ends the run before it and starts none after it, so the members of
/// entries before it, of it, and of entries after it can be made by separate calls.
bool cut_into_slices(const BundleEntry& entry);

/// The 512-byte POSIX ustar header of a regular file: mode 0644, owner and group 0 with empty
/// names, modification time `mtime`. Fails when the name does not fit ustar's 100 + 155 bytes
/// (split at a `/`) or the time is before 1970 or past 8^11 seconds.
Result<std::string> ustar_header(const std::string& name, uint64_t size, int64_t mtime);

/// Appends `entries`, in order, to the tar stream as gzip members: each entry's header, data and
/// padding to 512 bytes, then (with `end_of_archive`) the two zero blocks that end a tar archive.
/// An entry made from a file is read once, here: its SHA-256 and size are taken from the same
/// bytes that are compressed. When the entry already has a digest (from an earlier read), the
/// bytes must match it. Members are compressed on up to `jobs` threads. Fails with the first
/// entry (in order) that cannot be read or changed, naming it.
Result<std::vector<std::string>> tar_members(const std::vector<BundleEntry*>& entries, int64_t mtime, unsigned jobs,
                                             bool end_of_archive);

}  // namespace ipack
