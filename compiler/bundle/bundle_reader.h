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
#include "bundle/signing.h"

namespace ipack {

struct BundleLimits {
  size_t max_entries = 50000;
  uint64_t max_entry_bytes = 256ull << 20;
  uint64_t max_total_bytes = 4ull << 30;
  uint64_t max_pack_json_bytes = 64ull << 20;
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
/// corrupt archive, an entry name that is absolute, has `..` or repeats, an entry that is not
/// a regular file, a missing or unparsable pack.json, and anything over the limits.
/// `keep_entry`: entries (besides pack.json and pack.sig) whose bytes are kept too, in `kept`.
Result<BundleContents> read_bundle(const std::filesystem::path& bundle, const BundleLimits& limits = {},
                                   const std::function<bool(const std::string&)>& keep_entry = {});

/// Checks what read_bundle returned: the format, the signature against `keys` (the bundle is
/// verified when one of them matches), and every entry against pack.json's `files`. Gives the
/// matching key's id ("" for an unsigned bundle that `allow_unsigned` accepts), else the reason.
Result<std::string> verify_bundle(const BundleContents& contents, const std::vector<PublicKey>& keys, bool allow_unsigned);

}  // namespace ipack
