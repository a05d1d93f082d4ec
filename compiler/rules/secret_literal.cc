#include <fmt/format.h>

#include "plan/extension_kinds.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

// The message never quotes the value: it is a secret, and findings end up in CI logs.
void check_secret_literal(const PlanInput& in) {
  for (const auto& i : in.plan.instances)
    for (const auto& v : i.extensions) {
      if (!v.value.present) continue;
      const DeclaredExtension* d = in.pack.find_extension(v.list, v.identity());
      if (!d || !d->secret) continue;
      in.reporter.report(kSecretLiteral.id, v.value.pointer, At::Value,
                         fmt::format("the {} is a secret: give it as secret: {{env: NAME}} or secret: {{file: PATH}}, "
                                     "never as a value in git (and change it, since it was committed)",
                                     describe_extension(v.list, d->identity)));
    }
}

}  // namespace

const Rule kSecretLiteral{"secret-literal",
                          Severity::Error,
                          RuleGroup::Plans,
                          "a secret field given as a literal value instead of a secret reference",
                          nullptr,
                          nullptr,
                          check_secret_literal};

}  // namespace ipack::rules
