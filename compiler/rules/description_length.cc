#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"
#include "input/source_file.h"

namespace ipack::rules {
namespace {

constexpr int kMaxDescription = 500;

void check(const PackInput& in) {
  auto description = pack_view::string_member(pack_view::member(&in.pack, "metadata"), "description");
  if (!description) return;
  int length = utf8_length(*description);
  if (length <= kMaxDescription) return;
  in.reporter.report(kDescriptionLength.id, "/metadata/description", At::Value,
                     fmt::format("the description is {} characters long; the platform allows at most {}: shorten "
                                 "it by {}",
                                 length, kMaxDescription, length - kMaxDescription));
}

}  // namespace

const Rule kDescriptionLength{"description-length", Severity::Error, RuleGroup::Platform,
                              "the pack description is over 500 characters", check};

}  // namespace ipack::rules
