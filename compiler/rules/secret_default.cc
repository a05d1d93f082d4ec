#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

// A process property value is secret when its component's export lists it under
// bns:encryptedValues or gives it type="password" (connection entries take no default).
void check_secret_default(const PackInput& in) {
  if (!in.components) return;
  for (const ExtensionEntry& e : in.model.extensions.process_properties) {
    const auto& component = e.component;
    const auto& key = e.key;
    if (!component || !key || !e.default_value.present) continue;
    const Component* c = in.components->graph.find(normalise_component_id(*component));
    std::string k = normalise_component_id(*key);
    if (!c || !c->secret_property_keys.count(k.empty() ? *key : k)) continue;
    in.reporter.report(kSecretDefault.id, e.default_value.pointer, At::Key,
                       fmt::format("process property {} of \"{}\" is secret, so it cannot have a default in the "
                                   "manifest: remove the default; each install gives a secret reference",
                                   *key, c->name));
  }
}

}  // namespace

const Rule kSecretDefault{"secret-default", Severity::Error, RuleGroup::Extensions, "a `default` on a secret field",
                          check_secret_default};

}  // namespace ipack::rules
