#include "plan/extension_kinds.h"

namespace ipack {

const std::vector<ExtensionKind>& extension_kinds() {
  static const std::vector<ExtensionKind> kinds = {
      {"connections", {"connection", "field"}, "connection field"},
      {"processProperties", {"component", "key"}, "process property"},
      {"dynamicProcessProperties", {"name"}, "dynamic process property"},
  };
  return kinds;
}

const ExtensionKind* extension_kind(std::string_view list) {
  for (const auto& k : extension_kinds())
    if (k.list == list) return &k;
  return nullptr;
}

std::string describe_extension(std::string_view list, const std::vector<std::string>& identity) {
  const ExtensionKind* kind = extension_kind(list);
  if (!kind) return std::string(list);
  std::string out = std::string(kind->noun) + " (";
  for (size_t i = 0; i < kind->keys.size() && i < identity.size(); ++i)
    out += (i ? ", " : "") + std::string(kind->keys[i]) + " " + identity[i];
  return out + ")";
}

}  // namespace ipack
