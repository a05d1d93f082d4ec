#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "plan/extension_kinds.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

// What the pack does declare of this kind, for the message: the nearest by the last key.
std::string hint(const PackTarget& pack, const ExtensionValue& v, const std::vector<std::string>& identity) {
  std::vector<std::string> same_owner, all;
  for (const auto& d : pack.extensions) {
    if (d.list != v.list) continue;
    all.push_back(describe_extension(d.list, d.identity));
    bool owner_matches = std::equal(d.identity.begin(), d.identity.end() - 1, identity.begin());
    if (owner_matches) same_owner.push_back(d.identity.back());
  }
  if (all.empty()) return fmt::format("; the pack declares no {}", extension_kind(v.list)->noun);
  std::string near = closest_match(identity.back(), same_owner);
  if (!near.empty()) return fmt::format(" (did you mean {}?)", near);
  if (all.size() <= 5) {
    std::string list;
    for (const auto& a : all) list += (list.empty() ? "" : "; ") + a;
    return "; it declares: " + list;
  }
  return "";
}

void check_unknown_extension(const PlanInput& in) {
  for (const auto& i : in.plan.instances)
    for (const auto& v : i.extensions) {
      std::vector<std::string> identity = v.identity();
      if (identity.empty() || in.pack.find_extension(v.list, identity)) continue;
      in.reporter.report(kUnknownExtension.id, v.pointer, At::Value,
                         fmt::format("pack {} declares no {} overrideable, so the platform would refuse this value{}",
                                     in.pack.name, describe_extension(v.list, identity), hint(in.pack, v, identity)));
    }
}

}  // namespace

const Rule kUnknownExtension{"unknown-extension",
                             Severity::Error,
                             RuleGroup::Plans,
                             "a value for an extension the pack does not declare",
                             nullptr,
                             nullptr,
                             check_unknown_extension};

}  // namespace ipack::rules
