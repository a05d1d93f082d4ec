#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"
#include "input/source_file.h"

namespace ipack::rules {
namespace {

constexpr int kMaxName = 255;

void check_name(const PackInput& in, const nlohmann::json* object, const std::string& pointer, const char* what) {
  auto name = pack_view::string_member(object, pointer_last(pointer));
  if (!name) return;
  int length = utf8_length(*name);
  if (length <= kMaxName) return;
  in.reporter.report(kNameLength.id, pointer, At::Value,
                     fmt::format("{} is {} characters long; the platform allows at most {}", what, length, kMaxName));
}

void check(const PackInput& in) {
  check_name(in, pack_view::member(&in.pack, "metadata"), "/metadata/displayName", "displayName");
  if (const auto* packages = pack_view::packages(in.pack))
    for (size_t i = 0; i < packages->size(); ++i)
      check_name(in, &(*packages)[i], pack_view::package_pointer(i) + "/name", "the component name");
}

}  // namespace

const Rule kNameLength{"name-length", Severity::Error, RuleGroup::Platform,
                       "the pack's displayName or a component name is over 255 characters", check};

}  // namespace ipack::rules
