#include "cli/public_keys.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

namespace ipack::cli {

namespace fs = std::filesystem;

Result<std::vector<PublicKey>> load_public_keys(const std::string& key, const std::string& keyring) {
  std::vector<PublicKey> keys;
  if (!key.empty()) {
    auto loaded = PublicKey::load_file(key);
    if (!loaded) return Error{loaded.error()};
    keys.push_back(std::move(*loaded));
    return keys;
  }
  if (keyring.empty()) return keys;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(keyring, ec)) {
    std::string name = e.path().filename().string();
    if (name.size() > 8 && name.compare(name.size() - 8, 8, ".pub.pem") == 0) files.push_back(e.path());
  }
  if (ec) return Error{fmt::format("cannot read the keyring {}: {}", keyring, ec.message())};
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    auto loaded = PublicKey::load_file(p.string());
    if (!loaded) return Error{loaded.error()};
    keys.push_back(std::move(*loaded));
  }
  if (keys.empty()) return Error{fmt::format("the keyring {} holds no *.pub.pem key", keyring)};
  return keys;
}

}  // namespace ipack::cli
