#pragma once
/// The manifest kinds ipack knows, and how a document says which one it is.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ipack {

enum class Kind { IntegrationPack, Config, InstallPlan };

struct KindInfo {
  Kind kind;
  std::string_view name;         ///< the `kind:` value, e.g. "IntegrationPack"
  std::string_view schema_name;  ///< the name `ipack schema` takes, e.g. "pack"
  std::string_view schema_text;  ///< the JSON Schema, as compiled in
};

inline constexpr std::string_view kApiVersion = "ipack/v1";

const std::vector<KindInfo>& known_kinds();
const KindInfo& kind_info(Kind kind);
const KindInfo* kind_by_schema_name(std::string_view name);
/// The kind a document declares, when its apiVersion and kind are a known pair.
std::optional<Kind> kind_of(const nlohmann::json& document);
/// "IntegrationPack, Config, InstallPlan"
std::string known_kind_list();

}  // namespace ipack
