#include "base/digest.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <stdexcept>

#include <openssl/evp.h>

namespace ipack {

using MdContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

struct Sha256::State {
  MdContext ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
  std::optional<std::string> hex;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  if (!state_->ctx || EVP_DigestInit_ex(state_->ctx.get(), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 is not available");
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) {
  if (state_->hex) throw std::logic_error("Sha256::update after hex()");
  if (EVP_DigestUpdate(state_->ctx.get(), data.data(), data.size()) != 1) throw std::runtime_error("SHA-256 failed");
}

std::string Sha256::hex() {
  if (!state_->hex) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(state_->ctx.get(), digest, &size) != 1) throw std::runtime_error("SHA-256 failed");
    state_->hex = to_hex(digest, size);
  }
  return *state_->hex;
}

std::string to_hex(const unsigned char* data, size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    hex += kDigits[data[i] >> 4];
    hex += kDigits[data[i] & 0xf];
  }
  return hex;
}

std::string sha256_hex(std::string_view data) {
  Sha256 hash;
  hash.update(data);
  return hash.hex();
}

Result<FileDigest> digest_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read " + path.string() + ": " + std::strerror(errno)};
  Sha256 hash;
  char chunk[1 << 16];
  FileDigest digest;
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    hash.update(std::string_view(chunk, static_cast<size_t>(in.gcount())));
    digest.size += static_cast<uint64_t>(in.gcount());
  }
  if (in.bad()) return Error{"cannot read " + path.string() + ": " + std::strerror(errno)};
  digest.sha256 = hash.hex();
  return digest;
}

}  // namespace ipack
