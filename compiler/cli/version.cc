#include <archive.h>
#include <fmt/format.h>
#include <libdeflate.h>
#include <openssl/crypto.h>
#include <pugixml.hpp>

#include <CLI/Version.hpp>
#include <nlohmann/json.hpp>

#include "base/version.h"
#include "cli/commands.h"

namespace ipack::cli {

std::string version_text() {
  std::string build_type = *kBuildType ? kBuildType : "unspecified";
  return fmt::format(
      "ipack {} ({} build)\n"
      "libraries: yaml-cpp {}, fmt {}.{}.{}, pugixml {}.{}, {}, libdeflate {}, {}, nlohmann-json {}.{}.{}, CLI11 {}",
      kVersion, build_type, *kYamlCppVersion ? kYamlCppVersion : "(version unknown)", FMT_VERSION / 10000,
      FMT_VERSION / 100 % 100, FMT_VERSION % 100,
      PUGIXML_VERSION / 1000 ? PUGIXML_VERSION / 1000 : PUGIXML_VERSION / 100,
      PUGIXML_VERSION / 1000 ? PUGIXML_VERSION % 1000 / 10 : PUGIXML_VERSION % 100, archive_version_string(),
      LIBDEFLATE_VERSION_STRING,
      OpenSSL_version(OPENSSL_VERSION), NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
      NLOHMANN_JSON_VERSION_PATCH, CLI11_VERSION);
}

}  // namespace ipack::cli
