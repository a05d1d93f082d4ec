#pragma once
/// The YAML front end: one YAML 1.2 document read into a JSON value, with the position of
/// every value recorded by JSON Pointer, duplicate keys and input limits checked on the way.

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "input/position_map.h"
#include "input/source_file.h"

namespace ipack {

struct YamlLimits {
  size_t max_bytes = 4 * 1024 * 1024;
  int max_depth = 64;                     ///< nested mappings and sequences
  size_t max_nodes = 100000;              ///< values in the document once every alias is expanded
  size_t max_expanded_bytes = 16u << 20;  ///< text of keys and scalars once every alias is expanded
};

struct YamlDocument {
  nlohmann::json value;  ///< null for an empty file
  PositionMap positions;
};

/// The `input-limit` finding for a file of `bytes` bytes, when that is over the limit.
std::optional<Diagnostic> check_file_size(const std::string& path, size_t bytes, const YamlLimits& limits = {});

/// Reads `source` as one YAML document. Plain scalars are typed by YAML 1.2's core schema
/// (`true` is a boolean, `1.3` a number, `2026-12-01` a string). Findings (`yaml-syntax`,
/// `duplicate-key`, `input-limit`) go to `out`; returns nothing when the document could not
/// be read at all. A duplicate key keeps the last value, after a `duplicate-key` finding.
std::optional<YamlDocument> read_yaml(const SourceFile& source, std::vector<Diagnostic>& out,
                                      const YamlLimits& limits = {});

}  // namespace ipack
