#pragma once
/// Compiles a validated pack into what its bundle holds (docs/bundle.md): the normalised manifest
/// with each package's resolved type, name and closure, the extensions, the Platform API
/// request bodies, and the component exports.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "pack/pack_components.h"
#include "pack/pack_model.h"

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
  /// pack.json without `files` and `signer`; each package's `closure` is canonical text already
  /// written (canonical_text in bundle/canonical_json.h): canonical_json writes it as it is.
  nlohmann::json pack;
  std::vector<BundleEntry> entries;  ///< sorted by name, digests filled in
};

/// `pack` must have passed validation with no error. Reads each export in a closure once for
/// its digest: with `read_exports` (given the exports' entries, sorted by name, to fill in
/// each one's `sha256` and `size`), else streaming each file; fails when an export cannot be
/// read. With `previous` (pack.json of
/// the last release), the bundle also holds the Update request bodies:
/// `platform/update/PublisherIntegrationPack.ADD.json` for the packages added since,
/// `….DELETE.json` for those removed (each only when there are some).
Result<CompiledPack> compile_pack(const PackModel& pack, const PackComponents* components, int64_t built_at,
                                  const nlohmann::json* previous = nullptr,
                                  const std::function<Status(std::vector<BundleEntry>&)>& read_exports = {});

/// pack.json's `extensions`: what the packaged processes declare overrideable, with what the
/// manifest adds to each (required, pattern, default, description) and whether it is a secret.
/// Install plans are checked against this, for a source pack as for a bundle.
nlohmann::json merged_extensions(const PackModel& pack, const PackComponents* components);

/// `<name>-<version>.ipack`
std::string bundle_file_name(const PackModel& pack);

}  // namespace ipack
