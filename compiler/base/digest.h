#pragma once
/// SHA-256, the one implementation (OpenSSL 3): bundle entries, signatures' key ids, SARIF
/// fingerprints and the release rules all hash with it.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace ipack {

/// Streaming SHA-256.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex();  ///< lower-case hex of the digest; call once (later calls return the same)

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
/// Lower-case hex of `size` bytes.
std::string to_hex(const unsigned char* data, size_t size);

struct FileDigest {
  std::string sha256;  ///< lower-case hex
  uint64_t size = 0;
};

/// The SHA-256 and size of a file, read in chunks. The error is `cannot read PATH: why`.
Result<FileDigest> digest_file(const std::filesystem::path& path);

}  // namespace ipack
