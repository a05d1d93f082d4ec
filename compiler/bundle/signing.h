#pragma once
/// Ed25519 keys with OpenSSL 3 (docs/bundle.md "Keys and signing"). Key material is
/// never printed, logged or written anywhere but the key files `keygen` makes.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/result.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, so that this header does not pull in OpenSSL's

namespace ipack {

/// An Ed25519 public key. Copies share one immutable OpenSSL key; safe to use from many threads.
class PublicKey {
 public:
  /// SubjectPublicKeyInfo PEM, Ed25519 only. Errors say what is wrong, not where it came from.
  static Result<PublicKey> from_pem(std::string_view pem);
  /// Errors start with `path: `.
  static Result<PublicKey> load_file(const std::string& path);
  bool verify(std::string_view message, std::string_view signature) const;  ///< raw 64-byte Ed25519
  std::string key_id() const;      ///< hex SHA-256 of the DER SubjectPublicKeyInfo
  std::string public_pem() const;  ///< SPKI PEM, as `openssl pkey -pubout` writes

 private:
  explicit PublicKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
  friend class PrivateKey;
};

/// An Ed25519 private key. Copies share one immutable OpenSSL key; safe to use from many threads.
class PrivateKey {
 public:
  /// PKCS#8 PEM, Ed25519 only; an encrypted key is refused (never prompts for a passphrase).
  /// Errors say what is wrong, not where it came from.
  static Result<PrivateKey> from_pem(std::string_view pem);
  /// Refuses (with a message saying how to fix it: chmod 600 FILE) a file that group or others can read, like ssh.
  /// Errors start with `path: `.
  static Result<PrivateKey> load_file(const std::string& path);
  static PrivateKey generate();
  std::string sign(std::string_view message) const;  ///< raw 64-byte signature
  PublicKey public_key() const;
  /// PKCS#8 PEM, as `openssl genpkey -algorithm ed25519` writes. Secret: OPENSSL_cleanse it when done.
  std::string private_pem() const;
  std::string public_pem() const;  ///< SPKI PEM, as `openssl pkey -pubout` writes

 private:
  explicit PrivateKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

/// Writes NAME.pem (mode 0600, created with that mode — never world-readable for an instant) and
/// NAME.pub.pem (0644). Refuses to overwrite either (nothing written then).
Status write_key_pair(const std::string& name);

}  // namespace ipack
