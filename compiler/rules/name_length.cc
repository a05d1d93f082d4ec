#include <fmt/format.h>

#include "input/source_file.h"
#include "pack/for_each_package.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

constexpr int kMaxName = 255;

void check_name(const PackInput& in, const Field<std::string>& name, const char* what) {
  if (!name) return;
  int length = utf8_length(*name);
  if (length <= kMaxName) return;
  in.reporter.report(kNameLength.id, name.pointer, At::Value,
                     fmt::format("{} is {} characters long; the platform allows at most {}", what, length, kMaxName));
}

void check_name_length(const PackInput& in) {
  check_name(in, in.model.metadata.display_name, "displayName");
  for_each_package(in.model, [&](const PackageEntry& package) { check_name(in, package.name, "the component name"); });
}

}  // namespace

const Rule kNameLength{"name-length", Severity::Error, RuleGroup::Platform,
                       "the pack's displayName or a component name is over 255 characters", check_name_length};

}  // namespace ipack::rules
