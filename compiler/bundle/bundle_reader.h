#pragma once
/// Reads a bundle without extracting it: every entry is checked for a safe name and type,
/// hashed as it streams past, and only pack.json and pack.sig are kept.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "bundle/pack_json_check.h"
#include "bundle/signing.h"

namespace ipack {

/// What a bundle may hold; `build` refuses to write what these would refuse.
struct BundleLimits {
  size_t max_entries = 50000;
  size_t max_name_bytes = 1024;
  uint64_t max_entry_bytes = 256ull << 20;
  uint64_t max_total_bytes = 1ull << 30;  ///< expanded, tar headers included
  PackJsonLimits pack_json;
};

struct EntryDigest {
  std::string sha256;
  uint64_t size = 0;
};

struct BundleContents {
  std::string pack_json;  ///< the exact bytes that were signed
  nlohmann::json pack;
  std::optional<std::string> signature;
  std::map<std::string, EntryDigest> entries;  ///< every entry but pack.json and pack.sig
  std::map<std::string, std::string> kept;     ///< the bytes of the entries `keep_entry` chose
};

/// Reads and checks the archive's structure. Fails (with a one-line reason) on a truncated or
/// corrupt archive (gzip CRC or length wrong, anything after the gzip stream or non-zero bytes
/// after the tar archive's end, an uncompressed tar), an entry name that is absolute, has `..`
/// or repeats, an entry that is not a regular file or is sparse, a missing pack.json or one
/// that is not within the limits or not of the shape of an ipack-bundle/1 pack.json, and
/// anything over the limits. Every limit is applied as the bytes stream past.
/// `keep_entry`: entries (besides pack.json and pack.sig) whose bytes are kept too, in `kept`.
Result<BundleContents> read_bundle(const std::filesystem::path& bundle, const BundleLimits& limits = {},
                                   const std::function<bool(const std::string&)>& keep_entry = {});

/// Checks what read_bundle returned: the format, the signature against `keys` (the bundle is
/// verified when one of them matches), and every entry against pack.json's `files`. Gives the
/// matching key's id ("" for an unsigned bundle that `allow_unsigned` accepts), else the reason.
Result<std::string> verify_bundle(const BundleContents& contents, const std::vector<PublicKey>& keys,
                                  bool allow_unsigned);

}  // namespace ipack
