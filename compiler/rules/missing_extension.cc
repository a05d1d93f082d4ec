#include <fmt/format.h>

#include "plan/extension_kinds.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_missing_extension(const PlanInput& in) {
  for (const auto& i : in.plan.instances) {
    if (!i.is_object) continue;
    for (const auto& d : in.pack.extensions) {
      // The pack's default is a value: only a required extension without one needs the plan's.
      if (!d.required || d.default_value) continue;
      bool set = false;
      for (const auto& v : i.extensions)
        if (v.list == d.list && v.identity() == d.identity) set = true;
      if (set) continue;
      std::string who = i.name ? fmt::format("instance \"{}\"", *i.name) : fmt::format("instances[{}]", i.index);
      in.reporter.report(kMissingExtension.id, i.pointer, At::Value,
                         fmt::format("{} sets no value for the required {}; add it under extensions.{}", who,
                                     describe_extension(d.list, d.identity), d.list));
    }
  }
}

}  // namespace

const Rule kMissingExtension{
    "missing-extension",    Severity::Error, RuleGroup::Plans, "a required extension without a value", nullptr, nullptr,
    check_missing_extension};

}  // namespace ipack::rules
