#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_not_published(const PackInput& in) {
  if (in.model.deployment.value != "legacy") return;
  for_each_package(in.model, [&](const PackageEntry& package) {
    const Field<bool>& published = package.published;
    if (!published.present)
      in.reporter.report(kNotPublished.id, package.pointer, At::Value,
                         fmt::format("{} does not say `published: true`; a legacy pack consists of published "
                                     "processes and API Services",
                                     package.label()));
    else if (published && !*published)
      in.reporter.report(kNotPublished.id, published.pointer, At::Value,
                         fmt::format("{} is not published; a legacy pack consists of published processes and API "
                                     "Services: publish it",
                                     package.label()));
  });
}

}  // namespace

const Rule kNotPublished{"not-published", Severity::Error, RuleGroup::Platform,
                         "legacy deployment: a package's `published` is not `true`", check_not_published};

}  // namespace ipack::rules
