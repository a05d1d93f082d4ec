// `ipack keygen`: keys the openssl CLI reads and writes interchangeably with ipack (docs/bundle.md
// "Keys and signing"), file modes, no overwriting, and no key material on any output.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <sys/stat.h>
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include "bundle/signing.h"
#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::write_text;

namespace {

struct Shell {
  int exit_code = -1;
  std::string out, err;
};

// Everything any command printed, to check that no key material was among it.
std::vector<std::string> g_printed;

// `sh -c COMMAND` in `cwd`, with standard output and error captured separately.
Shell shell(const std::string& cwd, const std::string& command) {
  static const std::string scratch = make_temp_dir();
  std::string out = scratch + "/out", err = scratch + "/err";
  int status = std::system(("cd '" + cwd + "' && (" + command + ") >'" + out + "' 2>'" + err + "'").c_str());
  Shell r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out), read_text(err)};
  g_printed.push_back(r.out);
  g_printed.push_back(r.err);
  return r;
}

ipack::test::RunOptions in(const std::string& cwd) {
  ipack::test::RunOptions options;
  options.cwd = cwd;
  return options;
}

ipack::test::RunResult keygen(const std::string& cwd, const std::string& name) {
  auto r = run_ipack({"keygen", name}, in(cwd));
  g_printed.push_back(r.out);
  g_printed.push_back(r.err);
  return r;
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

size_t entries(const std::string& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// The base64 lines between the BEGIN and END lines.
std::vector<std::string> pem_lines(const std::string& pem) {
  std::istringstream in(pem);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("-----", 0) != 0) lines.push_back(line);
  return lines;
}

void check_nothing_secret_printed(const std::string& private_pem) {
  for (const std::string& text : g_printed) {
    CHECK(text.find("PRIVATE KEY") == std::string::npos);
    for (const std::string& line : pem_lines(private_pem)) CHECK(text.find(line) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("keygen writes a pair that the openssl CLI reads and signs with interchangeably", "[cli][keygen]") {
  g_printed.clear();
  std::string dir = make_temp_dir();
  auto r = keygen(dir, "release");
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  std::smatch m;
  REQUIRE(std::regex_match(
      r.out, m,
      std::regex(
          "wrote release\\.pem \\(private, keep it secret\\) and release\\.pub\\.pem; key id ([0-9a-f]{64})\n")));
  const std::string key_id = m[1];
  const std::string private_path = dir + "/release.pem", public_path = dir + "/release.pub.pem";
  CHECK(mode_of(private_path) == 0600);
  CHECK(mode_of(public_path) == 0644);
  CHECK(entries(dir) == 2);  // no temporary file left behind
  const std::string private_pem = read_text(private_path), public_pem = read_text(public_path);
  CHECK(private_pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0) == 0);
  CHECK(public_pem.rfind("-----BEGIN PUBLIC KEY-----\n", 0) == 0);

  SECTION("openssl reads both files and derives the same public key") {
    CHECK(shell(dir, "openssl pkey -in release.pem -noout").exit_code == 0);
    auto pubout = shell(dir, "openssl pkey -in release.pem -pubout");
    CHECK(pubout.exit_code == 0);
    CHECK(pubout.out == public_pem);
    auto text = shell(dir, "openssl pkey -pubin -in release.pub.pem -noout -text");
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("ED25519 Public-Key") != std::string::npos);
  }
  SECTION("the key id is the SHA-256 of the DER SubjectPublicKeyInfo, as openssl computes it") {
    auto digest = shell(dir, "openssl pkey -pubin -in release.pub.pem -outform DER | openssl dgst -sha256 -r");
    CHECK(digest.exit_code == 0);
    CHECK(digest.out.substr(0, 64) == key_id);
  }
  SECTION("a signature made by openssl verifies with ipack") {
    write_text(dir + "/msg", "{\"format\":\"ipack-bundle/1\"}");
    CHECK(shell(dir, "openssl pkeyutl -sign -inkey release.pem -rawin -in msg -out sig").exit_code == 0);
    auto pub = ipack::PublicKey::load_file(public_path);
    REQUIRE(pub);
    CHECK(pub->key_id() == key_id);
    CHECK(pub->verify(read_text(dir + "/msg"), read_text(dir + "/sig")));
    CHECK_FALSE(pub->verify(read_text(dir + "/msg") + " ", read_text(dir + "/sig")));
  }
  SECTION("a signature made by ipack verifies with openssl") {
    std::string message = "{\"format\":\"ipack-bundle/1\"}";
    write_text(dir + "/msg", message);
    auto key = ipack::PrivateKey::load_file(private_path);
    REQUIRE(key);
    write_text(dir + "/sig", key->sign(message));
    const std::string verify = "openssl pkeyutl -verify -pubin -inkey release.pub.pem -rawin -in msg -sigfile sig";
    auto ok = shell(dir, verify);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("Signature Verified Successfully") != std::string::npos);
    write_text(dir + "/msg", message + " ");
    CHECK(shell(dir, verify).exit_code != 0);
  }
  SECTION("it never overwrites: exit 3 and both files unchanged") {
    auto again = keygen(dir, "release");
    CHECK(again.exit_code == 3);
    CHECK(again.out.empty());
    CHECK(again.err ==
          "ipack: error: will not overwrite release.pem: it already exists (remove it, or choose another "
          "NAME)\n");
    CHECK(read_text(private_path) == private_pem);
    CHECK(read_text(public_path) == public_pem);
    CHECK(mode_of(private_path) == 0600);
    CHECK(entries(dir) == 2);

    fs::remove(private_path);
    auto half = keygen(dir, "release");
    CHECK(half.exit_code == 3);
    CHECK(half.err.find("release.pub.pem: it already exists") != std::string::npos);
    CHECK_FALSE(fs::exists(private_path));
    CHECK(read_text(public_path) == public_pem);
  }
  check_nothing_secret_printed(private_pem);
  fs::remove_all(dir);
}

TEST_CASE("keygen into folders", "[cli][keygen]") {
  std::string dir = make_temp_dir();
  SECTION("an existing folder") {
    fs::create_directory(dir + "/keys");
    auto r = keygen(dir, "keys/ci");
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("wrote keys/ci.pem (private, keep it secret) and keys/ci.pub.pem; key id ", 0) == 0);
    CHECK(mode_of(dir + "/keys/ci.pem") == 0600);
  }
  SECTION("a folder that does not exist: exit 3, nothing written") {
    auto r = keygen(dir, "missing/ci");
    CHECK(r.exit_code == 3);
    CHECK(r.out.empty());
    CHECK(r.err == "ipack: error: cannot write missing/ci.pem: folder missing does not exist\n");
    CHECK(entries(dir) == 0);
  }
  SECTION("no name: a bad command line") {
    CHECK(keygen(dir, "").exit_code == 2);
    CHECK(keygen(dir, "keys/").exit_code == 2);
    CHECK(run_ipack({"keygen"}, in(dir)).exit_code == 2);
    CHECK(entries(dir) == 0);
  }
  fs::remove_all(dir);
}
