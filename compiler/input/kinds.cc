#include "input/kinds.h"

#include "base/embedded.h"

namespace ipack {

const std::vector<KindInfo>& known_kinds() {
  static const std::vector<KindInfo> kinds = {
      {Kind::IntegrationPack, "IntegrationPack", "pack", embedded::pack_schema},
      {Kind::Config, "Config", "config", embedded::config_schema},
      {Kind::InstallPlan, "InstallPlan", "install", embedded::install_schema},
  };
  return kinds;
}

const KindInfo& kind_info(Kind kind) {
  for (const auto& k : known_kinds())
    if (k.kind == kind) return k;
  return known_kinds().front();
}

const KindInfo* kind_by_schema_name(std::string_view name) {
  for (const auto& k : known_kinds())
    if (k.schema_name == name) return &k;
  return nullptr;
}

std::optional<Kind> kind_of(const nlohmann::json& document) {
  if (!document.is_object()) return std::nullopt;
  auto api = document.find("apiVersion");
  auto kind = document.find("kind");
  if (api == document.end() || kind == document.end() || !api->is_string() || !kind->is_string()) return std::nullopt;
  if (api->get<std::string>() != kApiVersion) return std::nullopt;
  for (const auto& k : known_kinds())
    if (kind->get<std::string>() == k.name) return k.kind;
  return std::nullopt;
}

std::string known_kind_list() {
  std::string out;
  for (const auto& k : known_kinds()) {
    if (!out.empty()) out += ", ";
    out += k.name;
  }
  return out;
}

}  // namespace ipack
