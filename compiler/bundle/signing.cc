#include "bundle/signing.h"

#include "base/atomic_file.h"
#include "base/digest.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace ipack {
namespace {

constexpr size_t kSignatureSize = 64;
// A key PEM is a few hundred bytes; anything far larger is the wrong file.
constexpr size_t kMaxKeyFile = 64 * 1024;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* key) { return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free); }

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

const unsigned char* bytes(std::string_view s) {
  static const unsigned char kEmpty = 0;
  return s.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

// OpenSSL queues the reasons for every failed call; forget them, so that they neither pile up
// nor show up later as the apparent cause of something else.
Error fail(std::string why) {
  ERR_clear_error();
  return Error{std::move(why)};
}

// Never asks for a passphrase (OpenSSL's default would prompt on the terminal).
int no_passphrase(char*, int, int, void*) { return -1; }

BIO* read_only_bio(std::string_view text) {
  return BIO_new_mem_buf(text.empty() ? "" : text.data(), static_cast<int>(text.size()));
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  if (size <= 0 || !data) throw std::runtime_error("OpenSSL wrote an empty PEM");
  return std::string(data, static_cast<size_t>(size));
}

bool has(std::string_view text, std::string_view what) { return text.find(what) != std::string_view::npos; }

// What the key is, in words, for a message: "RSA", "EC", "ED448".
std::string type_name(EVP_PKEY* key) {
  const char* name = EVP_PKEY_get0_type_name(key);
  return name ? name : "unknown";
}

bool is_ed25519(EVP_PKEY* key) { return EVP_PKEY_get_id(key) == EVP_PKEY_ED25519; }

const char kMakeOne[] = "make one with `ipack keygen NAME`";

// A key file: opened once, checked and read through the same descriptor, so that what is
// checked is what is read. `text` is sized once, up front, so no copy of a secret is left
// behind in memory that a growing string gave back; the caller wipes it.
Status read_key_file(const std::string& path, bool secret, std::string& text, size_t& size) {
  // Non-blocking, so that a FIFO named as a key is refused instead of waited on.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return Error{std::string("cannot read it: ") + std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    std::string why = std::strerror(errno);
    ::close(fd);
    return Error{"cannot read it: " + why};
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Error{"is a folder, not a key file"};
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error{"is not a regular file, not a key file"};
  }
  if (secret && (st.st_mode & 077) != 0) {
    // A public key is readable by all, as it should be: say what it is rather than "too open".
    char head[64] = {};
    ssize_t n = ::read(fd, head, sizeof head - 1);
    bool is_public = n > 0 && std::strstr(head, "-----BEGIN PUBLIC KEY-----") != nullptr;
    OPENSSL_cleanse(head, sizeof head);
    ::close(fd);
    if (is_public) return Error{"is a public key; signing needs the private key (NAME.pem, not NAME.pub.pem)"};
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Error{std::string("permissions ") + mode +
                 " are too open: a private key must not be accessible to group or others; run `chmod 600 " + path +
                 "`"};
  }
  text.assign(kMaxKeyFile + 1, '\0');
  size = 0;
  while (size < text.size()) {
    ssize_t n = ::read(fd, text.data() + size, text.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string why = std::strerror(errno);
      ::close(fd);
      return Error{"cannot read it: " + why};
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }
  ::close(fd);
  if (size > kMaxKeyFile) return Error{"too large to be a key file"};
  return {};
}

}  // namespace

// ---- Public keys ----

Result<PublicKey> PublicKey::from_pem(std::string_view pem) {
  if (pem.size() > kMaxKeyFile) return fail("too large to be a key file");
  if (!has(pem, "-----BEGIN ")) return fail("not a PEM public key (expected \"-----BEGIN PUBLIC KEY-----\")");
  if (!has(pem, "-----BEGIN PUBLIC KEY-----")) {
    if (has(pem, "PRIVATE KEY-----"))
      return fail(
          "a private key, not a public key: give NAME.pub.pem (checking a signature never needs the "
          "private key)");
    if (has(pem, "-----BEGIN CERTIFICATE-----"))
      return fail("a certificate, not a public key (`openssl x509 -pubkey -noout -in CERT` gives its key)");
    return fail("not a PEM public key (expected \"-----BEGIN PUBLIC KEY-----\")");
  }
  Bio bio(read_only_bio(pem), BIO_free);
  if (!bio) throw std::runtime_error("out of memory");
  EVP_PKEY* raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, no_passphrase, nullptr);
  if (!raw) return fail("not a readable PEM public key (corrupt, or not SubjectPublicKeyInfo)");
  auto key = own(raw);
  if (!is_ed25519(raw))
    return fail("a public key of type " + type_name(raw) + "; ipack uses Ed25519 keys only (" + kMakeOne + ")");
  return PublicKey(std::move(key));
}

Result<PublicKey> PublicKey::load_file(const std::string& path) {
  std::string text;
  size_t size = 0;
  if (Status read = read_key_file(path, false, text, size); !read) return Error{path + ": " + read.error()};
  auto r = from_pem(std::string_view(text.data(), size));
  if (!r) return Error{path + ": " + r.error()};
  return r;
}

bool PublicKey::verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != kSignatureSize) return false;
  MdContext ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1)
    throw std::runtime_error("Ed25519 verification is not available");
  int ok = EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(message), message.size());
  if (ok != 1) ERR_clear_error();
  return ok == 1;
}

std::string PublicKey::key_id() const {
  int size = i2d_PUBKEY(key_.get(), nullptr);
  if (size <= 0) throw std::runtime_error("cannot encode a public key");
  std::string der(static_cast<size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_PUBKEY(key_.get(), &out) != size) throw std::runtime_error("cannot encode a public key");
  return sha256_hex(der);
}

std::string PublicKey::public_pem() const {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) throw std::runtime_error("cannot write a public key");
  return bio_text(bio.get());
}

// ---- Private keys ----

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem) {
  if (pem.size() > kMaxKeyFile) return fail("too large to be a key file");
  if (!has(pem, "-----BEGIN "))
    return fail("not a PEM private key (expected \"-----BEGIN PRIVATE KEY-----\"; " + std::string(kMakeOne) + ")");
  if (has(pem, "-----BEGIN OPENSSH PRIVATE KEY-----"))
    return fail("an OpenSSH private key; ipack needs a PKCS#8 PEM key (" + std::string(kMakeOne) + ")");
  if (has(pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----"))
    return fail(
        "a passphrase-protected private key; ipack cannot ask for a passphrase: give it an "
        "unencrypted PKCS#8 key (mode 0600, or in IPACK_SIGNING_KEY)");
  if (!has(pem, "PRIVATE KEY-----")) {
    if (has(pem, "-----BEGIN PUBLIC KEY-----"))
      return fail("a public key, not a private key: signing needs NAME.pem, not NAME.pub.pem");
    return fail("not a PEM private key (expected \"-----BEGIN PRIVATE KEY-----\")");
  }
  Bio bio(read_only_bio(pem), BIO_free);
  if (!bio) throw std::runtime_error("out of memory");
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr);
  if (!raw) return fail("not a readable PEM private key (corrupt, or not PKCS#8)");
  auto key = own(raw);
  if (!is_ed25519(raw))
    return fail("a private key of type " + type_name(raw) + "; ipack signs with Ed25519 keys only (" + kMakeOne + ")");
  return PrivateKey(std::move(key));
}

Result<PrivateKey> PrivateKey::load_file(const std::string& path) {
  std::string text;
  size_t size = 0;
  Status read = read_key_file(path, true, text, size);
  Result<PrivateKey> r = read ? from_pem(std::string_view(text.data(), size)) : Result<PrivateKey>(Error{read.error()});
  OPENSSL_cleanse(text.data(), text.size());
  if (!r) return Error{path + ": " + r.error()};
  return r;
}

PrivateKey PrivateKey::generate() {
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (!raw) throw std::runtime_error("Ed25519 key generation failed");
  return PrivateKey(own(raw));
}

std::string PrivateKey::sign(std::string_view message) const {
  MdContext ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1)
    throw std::runtime_error("Ed25519 signing is not available");
  std::string signature(kSignatureSize, '\0');
  size_t size = signature.size();
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, bytes(message),
                     message.size()) != 1 ||
      size != kSignatureSize)
    throw std::runtime_error("Ed25519 signing failed");
  return signature;
}

PublicKey PrivateKey::public_key() const {
  // A key of its own holding only the public half, so a PublicKey never carries the secret.
  unsigned char raw[32];
  size_t size = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key_.get(), raw, &size) != 1 || size != sizeof raw)
    throw std::runtime_error("cannot read an Ed25519 public key");
  EVP_PKEY* pub = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw, size);
  if (!pub) throw std::runtime_error("cannot make an Ed25519 public key");
  return PublicKey(own(pub));
}

std::string PrivateKey::private_pem() const {
  // A secure-heap buffer that OpenSSL wipes when it is freed.
  Bio bio(BIO_new(BIO_s_secmem()), BIO_free);
  if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("cannot write a private key");
  return bio_text(bio.get());
}

std::string PrivateKey::public_pem() const { return public_key().public_pem(); }

// ---- Key files ----

Status write_key_pair(const std::string& name) {
  namespace fs = std::filesystem;
  const std::string private_path = name + ".pem";
  const std::string public_path = name + ".pub.pem";
  for (const std::string* path : {&private_path, &public_path}) {
    struct stat st {};
    if (::lstat(path->c_str(), &st) == 0)
      return Error{"will not overwrite " + *path + ": it already exists (remove it, or choose another NAME)"};
  }
  fs::path dir = fs::path(private_path).parent_path();
  if (dir.empty()) dir = ".";
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return Error{"cannot write " + private_path + ": folder " + dir.string() + " does not exist"};

  PrivateKey key = PrivateKey::generate();
  auto private_file = PendingFile::create_beside(private_path, 0600);
  if (!private_file) return Error{"cannot write " + private_path + ": " + private_file.error()};
  std::string secret = key.private_pem();
  Status wrote = private_file->write(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  if (!wrote) return Error{"cannot write " + private_path + ": " + wrote.error()};
  auto public_file = PendingFile::create_beside(public_path, 0644);
  if (!public_file) return Error{"cannot write " + public_path + ": " + public_file.error()};
  if (Status w = public_file->write(key.public_pem()); !w)
    return Error{"cannot write " + public_path + ": " + w.error()};
  if (Status placed = private_file->commit(Placement::NewOnly); !placed)
    return Error{"will not write " + private_path + ": " + placed.error()};
  if (Status placed = public_file->commit(Placement::NewOnly); !placed) {
    // Half a pair is no use; take back the private key just placed.
    ::unlink(private_path.c_str());
    return Error{"will not write " + public_path + ": " + placed.error()};
  }
  sync_folder(dir);
  return {};
}

}  // namespace ipack
