#pragma once
/// JSON Schema validation of a manifest (valijson, draft-07), reported as one finding per real
/// problem at the offending key or value, with what was expected and what was found.

#include <vector>

#include "input/kinds.h"
#include "input/reporter.h"
#include "input/yaml_document.h"

namespace ipack {

/// Validates `doc` against the schema of `kind`. Constraints that a platform rule owns (the
/// package limit, description and name lengths, the release date's form) are left to it.
void check_schema(Kind kind, const YamlDocument& doc, const Reporter& reporter);

/// Parses the schema of `kind` and compiles its `pattern`s, once per process, if not done yet.
/// Compiling std::regex patterns costs about a millisecond, parsing the schema as much again:
/// a caller that checks one manifest does this on another thread while it reads the YAML.
void prepare_schema(Kind kind);

}  // namespace ipack
