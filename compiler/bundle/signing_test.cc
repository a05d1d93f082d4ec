#include "bundle/signing.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <catch2/catch.hpp>

namespace fs = std::filesystem;
using ipack::PrivateKey;
using ipack::PublicKey;

namespace {

using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

std::string unhex(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return bytes;
}

std::string to_hex(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex += kDigits[c >> 4];
    hex += kDigits[c & 0xf];
  }
  return hex;
}

// PEM text written by OpenSSL directly, not by the code under test.
std::string private_pem_of(EVP_PKEY* key, const EVP_CIPHER* cipher = nullptr, const char* passphrase = nullptr) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  int len = passphrase ? static_cast<int>(std::strlen(passphrase)) : 0;
  REQUIRE(PEM_write_bio_PKCS8PrivateKey(bio.get(), key, cipher, const_cast<char*>(passphrase), len, nullptr, nullptr) ==
          1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string public_pem_of(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  REQUIRE(PEM_write_bio_PUBKEY(bio.get(), key) == 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

// The base64 lines between the BEGIN and END lines.
std::string pem_body(const std::string& pem) {
  std::istringstream in(pem);
  std::string line, body;
  while (std::getline(in, line))
    if (line.rfind("-----", 0) != 0) body += line;
  return body;
}

std::string temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "ipack-signing-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

void write(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path, std::ios::binary) << text;
  REQUIRE(::chmod(path.c_str(), mode) == 0);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("a signature verifies with its key and nothing else", "[signing]") {
  PrivateKey key = PrivateKey::generate();
  PublicKey pub = key.public_key();
  const std::string message = "{\"format\":\"ipack-bundle/1\"}";
  std::string signature = key.sign(message);
  REQUIRE(signature.size() == 64);
  CHECK(pub.verify(message, signature));
  CHECK(key.sign(message) == signature);  // Ed25519 is deterministic

  SECTION("a changed message") {
    CHECK_FALSE(pub.verify(message + " ", signature));
    std::string flipped = message;
    flipped[3] ^= 1;
    CHECK_FALSE(pub.verify(flipped, signature));
    CHECK_FALSE(pub.verify("", signature));
  }
  SECTION("a changed signature") {
    for (size_t i : {0u, 31u, 32u, 63u}) {
      std::string bad = signature;
      bad[i] ^= 0x01;
      CHECK_FALSE(pub.verify(message, bad));
    }
    CHECK_FALSE(pub.verify(message, signature.substr(0, 63)));
    CHECK_FALSE(pub.verify(message, signature + '\0'));
    CHECK_FALSE(pub.verify(message, ""));
  }
  SECTION("another key") { CHECK_FALSE(PrivateKey::generate().public_key().verify(message, signature)); }
  SECTION("the empty message can be signed too") { CHECK(pub.verify("", key.sign(""))); }
}

TEST_CASE("signatures are plain Ed25519 (RFC 8032, test 2)", "[signing]") {
  std::string seed = unhex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
  Pkey raw(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.data()),
                                        seed.size()),
           EVP_PKEY_free);
  REQUIRE(raw);
  auto key = PrivateKey::from_pem(private_pem_of(raw.get()));
  REQUIRE(key);
  std::string signature = key->sign(unhex("72"));
  CHECK(to_hex(signature) ==
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
        "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  auto pub = PublicKey::from_pem(public_pem_of(raw.get()));
  REQUIRE(pub);
  CHECK(pub->verify(unhex("72"), signature));
}

TEST_CASE("the key id is the SHA-256 of the DER SubjectPublicKeyInfo", "[signing]") {
  PrivateKey key = PrivateKey::generate();
  auto pub = PublicKey::from_pem(key.public_pem());
  REQUIRE(pub);
  Pkey openssl_key(nullptr, EVP_PKEY_free);
  {
    std::string pem = key.public_pem();
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    openssl_key.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  }
  REQUIRE(openssl_key);
  unsigned char* der = nullptr;
  int size = i2d_PUBKEY(openssl_key.get(), &der);
  REQUIRE(size == 44);  // Ed25519 SPKI: 12 bytes of header, 32 of key
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  REQUIRE(EVP_Digest(der, static_cast<size_t>(size), digest, &digest_size, EVP_sha256(), nullptr) == 1);
  OPENSSL_free(der);
  std::string expected = to_hex(std::string(reinterpret_cast<char*>(digest), digest_size));

  CHECK(pub->key_id() == expected);
  CHECK(key.public_key().key_id() == expected);
  CHECK(PrivateKey::generate().public_key().key_id() != expected);
}

TEST_CASE("PEM round trips", "[signing]") {
  PrivateKey key = PrivateKey::generate();
  std::string private_pem = key.private_pem();
  std::string public_pem = key.public_pem();
  CHECK(private_pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0) == 0);
  CHECK(private_pem.find("-----END PRIVATE KEY-----\n") != std::string::npos);
  CHECK(public_pem.rfind("-----BEGIN PUBLIC KEY-----\n", 0) == 0);

  auto again = PrivateKey::from_pem(private_pem);
  REQUIRE(again);
  CHECK(again->private_pem() == private_pem);
  CHECK(again->public_pem() == public_pem);
  CHECK(again->sign("m") == key.sign("m"));

  auto pub = PublicKey::from_pem(public_pem);
  REQUIRE(pub);
  CHECK(pub->public_pem() == public_pem);
  CHECK(pub->verify("m", key.sign("m")));

  // What the openssl library itself writes for the same key is accepted and written back unchanged.
  Pkey generated(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), EVP_PKEY_free);
  REQUIRE(generated);
  auto theirs = PrivateKey::from_pem(private_pem_of(generated.get()));
  REQUIRE(theirs);
  CHECK(theirs->private_pem() == private_pem_of(generated.get()));
  CHECK(theirs->public_pem() == public_pem_of(generated.get()));
}

TEST_CASE("only Ed25519 PEM keys are accepted, with a reason and no key material", "[signing]") {
  Pkey rsa(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}), EVP_PKEY_free);
  Pkey ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
  Pkey ed448(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448"), EVP_PKEY_free);
  REQUIRE(rsa);
  REQUIRE(ec);
  REQUIRE(ed448);

  auto refuses_private = [](const std::string& pem, const std::string& reason) {
    auto r = PrivateKey::from_pem(pem);
    CHECK_FALSE(r);
    CHECK(r.error().find(reason) != std::string::npos);
    CHECK(r.error().find('\n') == std::string::npos);
    if (!pem_body(pem).empty()) CHECK(r.error().find(pem_body(pem).substr(0, 16)) == std::string::npos);
    return r.error();
  };
  auto refuses_public = [](const std::string& pem, const std::string& reason) {
    auto r = PublicKey::from_pem(pem);
    CHECK_FALSE(r);
    CHECK(r.error().find(reason) != std::string::npos);
    CHECK(r.error().find('\n') == std::string::npos);
    if (!pem_body(pem).empty()) CHECK(r.error().find(pem_body(pem).substr(0, 16)) == std::string::npos);
    return r.error();
  };

  SECTION("other key types") {
    CHECK(refuses_private(private_pem_of(rsa.get()), "RSA").find("Ed25519") != std::string::npos);
    CHECK(refuses_private(private_pem_of(ec.get()), "EC").find("Ed25519") != std::string::npos);
    refuses_private(private_pem_of(ed448.get()), "ED448");
    CHECK(refuses_public(public_pem_of(rsa.get()), "RSA").find("Ed25519") != std::string::npos);
    refuses_public(public_pem_of(ec.get()), "EC");
    refuses_public(public_pem_of(ed448.get()), "ED448");
  }
  SECTION("garbage") {
    refuses_private("", "not a PEM private key");
    refuses_private("hello\n", "not a PEM private key");
    refuses_private("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n", "not a readable");
    refuses_private("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not a PEM private key");
    refuses_public("", "not a PEM public key");
    refuses_public(std::string("\0\1\2", 3), "not a PEM public key");
    refuses_public("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "not a readable");
    refuses_public("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "certificate");
  }
  SECTION("the wrong half of a pair") {
    PrivateKey key = PrivateKey::generate();
    refuses_private(key.public_pem(), "a public key, not a private key");
    std::string secret = key.private_pem();
    refuses_public(secret, "a private key, not a public key");
  }
  SECTION("an encrypted key, without ever asking for a passphrase") {
    Pkey ed(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), EVP_PKEY_free);
    refuses_private(private_pem_of(ed.get(), EVP_aes_256_cbc(), "secret"), "passphrase");
  }
  SECTION("an OpenSSH key") {
    refuses_private(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
        "OpenSSH");
  }
}

TEST_CASE("key files", "[signing]") {
  std::string dir = temp_dir();
  PrivateKey key = PrivateKey::generate();
  std::string secret = key.private_pem();
  std::string path = dir + "/signing.pem";

  SECTION("a private key readable by group or others is refused, with the fix") {
    for (mode_t mode : {0644, 0640, 0604, 0660, 0606}) {
      write(path, secret, mode);
      auto r = PrivateKey::load_file(path);
      CHECK_FALSE(r);
      CHECK(r.error().rfind(path + ": ", 0) == 0);
      CHECK(r.error().find("chmod 600 " + path) != std::string::npos);
      CHECK(r.error().find(pem_body(secret).substr(0, 16)) == std::string::npos);
    }
  }
  SECTION("0600 and 0400 are fine") {
    for (mode_t mode : {0600, 0400}) {
      write(path, secret, mode);
      auto r = PrivateKey::load_file(path);
      REQUIRE(r);
      CHECK(r->sign("m") == key.sign("m"));
    }
  }
  SECTION("errors name the file and what is wrong") {
    auto missing = PrivateKey::load_file(dir + "/missing.pem");
    CHECK_FALSE(missing);
    CHECK(missing.error() == dir + "/missing.pem: cannot read it: No such file or directory");
    auto folder = PublicKey::load_file(dir);
    CHECK(folder.error() == dir + ": is a folder, not a key file");
    write(path, key.public_pem(), 0600);
    CHECK(PrivateKey::load_file(path).error().rfind(path + ": a public key, not a private key", 0) == 0);
    write(path, std::string(100000, 'A'), 0600);
    CHECK(PrivateKey::load_file(path).error() == path + ": too large to be a key file");
  }
  SECTION("a public key file may be readable by anyone") {
    write(dir + "/signing.pub.pem", key.public_pem(), 0644);
    auto r = PublicKey::load_file(dir + "/signing.pub.pem");
    REQUIRE(r);
    CHECK(r->key_id() == key.public_key().key_id());
  }
  fs::remove_all(dir);
}

TEST_CASE("write_key_pair", "[signing]") {
  std::string dir = temp_dir();
  std::string name = dir + "/release";

  SECTION("writes a matching pair with modes 0600 and 0644, and nothing else") {
    REQUIRE(ipack::write_key_pair(name).ok());
    CHECK(mode_of(name + ".pem") == 0600);
    CHECK(mode_of(name + ".pub.pem") == 0644);
    auto key = PrivateKey::load_file(name + ".pem");
    auto pub = PublicKey::load_file(name + ".pub.pem");
    REQUIRE(key);
    REQUIRE(pub);
    CHECK(pub->verify("m", key->sign("m")));
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 2);
  }
  SECTION("refuses to overwrite either file, and then writes nothing") {
    write(name + ".pub.pem", "mine", 0644);
    std::string why = ipack::write_key_pair(name).error();
    CHECK(why == "will not overwrite " + name + ".pub.pem: it already exists (remove it, or choose another NAME)");
    CHECK_FALSE(fs::exists(name + ".pem"));
    CHECK(read_text(name + ".pub.pem") == "mine");
    fs::remove(name + ".pub.pem");
    write(name + ".pem", "mine", 0600);
    CHECK(ipack::write_key_pair(name).error().find(name + ".pem: it already exists") != std::string::npos);
    CHECK_FALSE(fs::exists(name + ".pub.pem"));
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  }
  SECTION("a folder that does not exist") {
    CHECK(ipack::write_key_pair(dir + "/no/such/release").error() ==
          "cannot write " + dir + "/no/such/release.pem: folder " + dir + "/no/such does not exist");
  }
  fs::remove_all(dir);
}
