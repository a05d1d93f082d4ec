#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  const auto* packages = pack_view::packages(in.pack);
  if (!packages || pack_view::deployment(in.pack) != "legacy") return;
  for (size_t i = 0; i < packages->size(); ++i) {
    const auto& package = (*packages)[i];
    if (!package.is_object()) continue;
    const auto* published = pack_view::member(&package, "published");
    std::string where = pack_view::package_pointer(i);
    if (!published)
      in.reporter.report(kNotPublished.id, where, At::Value,
                         fmt::format("{} does not say `published: true`; a legacy pack consists of published "
                                     "processes and API Services",
                                     pack_view::package_label(package, i)));
    else if (published->is_boolean() && !published->get<bool>())
      in.reporter.report(kNotPublished.id, where + "/published", At::Value,
                         fmt::format("{} is not published; a legacy pack consists of published processes and API "
                                     "Services: publish it",
                                     pack_view::package_label(package, i)));
  }
}

}  // namespace

const Rule kNotPublished{"not-published", Severity::Error, RuleGroup::Platform,
                         "legacy deployment: a package's `published` is not `true`", check};

}  // namespace ipack::rules
