#include "base/digest.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

TEST_CASE("SHA-256 matches the FIPS 180-2 vectors, in one piece or streamed", "[digest]") {
  CHECK(ipack::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(ipack::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  ipack::Sha256 sha;
  sha.update("a");
  sha.update("");
  sha.update("bc");
  CHECK(sha.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("digest_file: the digest and size of a file, or why it cannot be read", "[digest]") {
  auto path = std::filesystem::temp_directory_path() / "ipack-digest-test.txt";
  std::ofstream(path, std::ios::binary) << "abc";
  auto digest = ipack::digest_file(path);
  REQUIRE(digest);
  CHECK(digest->sha256 == ipack::sha256_hex("abc"));
  CHECK(digest->size == 3);
  std::filesystem::remove(path);
  auto missing = ipack::digest_file(path);
  REQUIRE_FALSE(missing);
  CHECK(missing.error() == "cannot read " + path.string() + ": No such file or directory");
}
