#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

// A process property value is secret when its component's export lists it under
// bns:encryptedValues or gives it type="password" (connection entries take no default).
void check(const PackInput& in) {
  if (!in.components) return;
  const auto* entries =
      pack_view::member(pack_view::member(pack_view::member(&in.pack, "spec"), "extensions"), "processProperties");
  if (!entries || !entries->is_array()) return;
  for (size_t i = 0; i < entries->size(); ++i) {
    const auto& e = (*entries)[i];
    auto component = pack_view::string_member(&e, "component");
    auto key = pack_view::string_member(&e, "key");
    if (!component || !key || !pack_view::member(&e, "default")) continue;
    const Component* c = in.components->graph.find(normalise_component_id(*component));
    std::string k = normalise_component_id(*key);
    if (!c || !c->secret_property_keys.count(k.empty() ? *key : k)) continue;
    in.reporter.report(kSecretDefault.id, fmt::format("/spec/extensions/processProperties/{}/default", i), At::Key,
                       fmt::format("process property {} of \"{}\" is secret, so it cannot have a default in the "
                                   "manifest: remove the default; each install gives a secret reference",
                                   *key, c->name));
  }
}

}  // namespace

const Rule kSecretDefault{"secret-default", Severity::Error, RuleGroup::Extensions, "a `default` on a secret field",
                          check};

}  // namespace ipack::rules
