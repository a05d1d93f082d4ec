#include "plan/pack_target.h"

#include "base/pattern_cache.h"
#include "input/json_view.h"
#include "pack/pack_model.h"
#include "plan/extension_kinds.h"

namespace ipack {

using nlohmann::json;

// As invalid-pattern: longer patterns are not compiled (std::regex compiles recursively).
constexpr size_t kLongestPattern = 1000;

const DeclaredExtension* PackTarget::find_extension(const std::string& list,
                                                    const std::vector<std::string>& identity) const {
  for (const auto& e : extensions)
    if (e.list == list && e.identity == identity) return &e;
  return nullptr;
}

Result<PackTarget> pack_target_of(const json& pack_json, const std::set<std::string>& listeners, std::string origin) {
  PackTarget t;
  t.origin = std::move(origin);
  const json* metadata = json_view::member(&pack_json, "metadata");
  auto name = json_view::string_member(metadata, "name");
  auto version = json_view::string_member(metadata, "version");
  auto installation = json_view::string_member(json_view::member(&pack_json, "spec"), "installation");
  if (!name || !version || !installation) return Error{"the pack has no name, version or installation"};
  t.name = *name;
  t.display_name = json_view::string_member(metadata, "displayName").value_or(*name);
  t.version = *version;
  t.multi = *installation == "multi";

  if (const json* packages = json_view::member(&pack_json, "packages"); packages && packages->is_array())
    for (const auto& p : *packages) {
      auto component = json_view::string_member(&p, "component");
      if (!component || json_view::string_member(&p, "type") != "process") continue;
      PackagedProcess process;
      process.id = component_key(*component);
      process.name = json_view::string_member(&p, "name").value_or("");
      process.listener = listeners.count(process.id) > 0;
      t.processes[process.id] = std::move(process);
    }

  const json* extensions = json_view::member(&pack_json, "extensions");
  for (const ExtensionKind& kind : extension_kinds()) {
    const json* entries = json_view::member(extensions, kind.list);
    if (!entries || !entries->is_array()) continue;
    for (const auto& e : *entries) {
      DeclaredExtension d;
      d.list = std::string(kind.list);
      for (std::string_view key : kind.keys) {
        auto v = json_view::string_member(&e, key);
        if (!v) return Error{"an entry of the pack's extensions has no " + std::string(key)};
        d.identity.push_back(component_key(*v));
      }
      const json* required = json_view::member(&e, "required");
      d.required = required && required->is_boolean() && required->get<bool>();
      const json* secret = json_view::member(&e, "secret");
      d.secret = secret && secret->is_boolean() && secret->get<bool>();
      d.pattern = json_view::string_member(&e, "pattern");
      if (d.pattern && d.pattern->size() <= kLongestPattern) d.compiled_pattern = compiled_pattern(*d.pattern);
      d.default_value = json_view::string_member(&e, "default");
      t.extensions.push_back(std::move(d));
    }
  }
  return t;
}

}  // namespace ipack
