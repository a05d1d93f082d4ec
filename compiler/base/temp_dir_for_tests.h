#pragma once
/// For tests: a fresh folder under /tmp, removed with everything in it when it goes out of scope.

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace ipack {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char name[] = "/tmp/ipack-test-XXXXXX";
    if (mkdtemp(name) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = name;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace ipack
