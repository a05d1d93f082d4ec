#include <fmt/format.h>

#include "input/source_file.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

constexpr int kMaxDescription = 500;

void check_description_length(const PackInput& in) {
  const auto& description = in.model.metadata.description;
  if (!description) return;
  int length = utf8_length(*description);
  if (length <= kMaxDescription) return;
  in.reporter.report(kDescriptionLength.id, description.pointer, At::Value,
                     fmt::format("the description is {} characters long; the platform allows at most {}: shorten "
                                 "it by {}",
                                 length, kMaxDescription, length - kMaxDescription));
}

}  // namespace

const Rule kDescriptionLength{"description-length", Severity::Error, RuleGroup::Platform,
                              "the pack description is over 500 characters", check_description_length};

}  // namespace ipack::rules
