#pragma once
/// Compiles a validated pack into what its bundle holds (bundle.md): the normalised manifest
/// with each package's resolved type, name and closure, the extensions, the Platform API
/// request bodies, and the component exports.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "rules/rule.h"

namespace ipack {

/// One entry of the bundle besides pack.json and pack.sig: made in memory, or copied byte
/// for byte from a file.
struct BundleEntry {
  std::string name;  ///< e.g. "components/<id>.xml"
  std::string content;
  std::filesystem::path file;  ///< when not empty, the entry is this file's bytes
  std::string sha256;
  uint64_t size = 0;
};

struct CompiledPack {
  nlohmann::json pack;  ///< pack.json without `files` and `signer`
  std::vector<BundleEntry> entries;  ///< sorted by name, digests filled in
};

/// `manifest` must have passed validation with no error. Reads each export in a closure once,
/// streaming, for its digest; fails when an export cannot be read.
Result<CompiledPack> compile_pack(const nlohmann::json& manifest, const PackComponents* components, int64_t built_at);

/// pack.json's `extensions`: what the packaged processes declare overrideable, with what the
/// manifest adds to each (required, pattern, default, description) and whether it is a secret.
/// Install plans are checked against this, for a source pack as for a bundle.
nlohmann::json merged_extensions(const nlohmann::json& manifest, const PackComponents* components);

/// `<name>-<version>.ipack`
std::string bundle_file_name(const nlohmann::json& manifest);

}  // namespace ipack
