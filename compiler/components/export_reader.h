#pragma once
/// Reads one component export with pugixml. Safe on hostile input: DOCTYPE and entity
/// declarations are skipped, never expanded or fetched; bytes that are not UTF-8 are refused.

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "components/component.h"
#include "input/xpath_rule_config.h"

namespace ipack {

struct ExportLimits {
  size_t max_bytes = 64 * 1024 * 1024;
};

/// Parses `text` (the file's bytes) as the export of one component. On failure returns
/// nothing and adds a `component-xml` finding, placed in the file, to `out`. The findings of
/// `xpath_rules` on the export go to `out` too. Without XPath rules `text` is parsed in place:
/// pugixml overwrites it, so the caller must not use it afterwards (its size stays the same).
std::optional<Component> read_component_export(const std::string& display_path, std::string& text,
                                               std::vector<Diagnostic>& out,
                                               const std::vector<XPathRule>& xpath_rules = {});

}  // namespace ipack
