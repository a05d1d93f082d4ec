#pragma once
/// Files compiled into the binary (see cmake/embed.cmake), so nothing is looked up at run time.

#include <string_view>

namespace ipack::embedded {
extern const std::string_view pack_schema;     ///< schemas/pack.schema.json
extern const std::string_view config_schema;   ///< schemas/config.schema.json
extern const std::string_view install_schema;  ///< schemas/install.schema.json
extern const std::string_view rules_doc;       ///< docs/rules.md
}  // namespace ipack::embedded
