#include <cctype>
#include <utility>

#include <fmt/format.h>

#include "pack/for_each_package.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

constexpr const char* kZeroId = "00000000-0000-0000-0000-000000000000";

// "TODO", "TODO: …", "todo - …": the text a scaffold leaves for the user to replace.
bool is_todo(const std::string& text) {
  size_t at = text.find_first_not_of(" \t");
  if (at == std::string::npos || text.size() - at < 4) return false;
  std::string head = text.substr(at, 4);
  for (char& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (head != "TODO") return false;
  return text.size() - at == 4 || !std::isalnum(static_cast<unsigned char>(text[at + 4]));
}

void check_placeholder(const PackInput& in) {
  const auto& metadata = in.model.metadata;
  for (const auto& [key, field] : {std::pair{"displayName", &metadata.display_name},
                                   {"description", &metadata.description},
                                   {"publisher", &metadata.publisher}}) {
    const auto& text = *field;
    if (text && is_todo(*text))
      in.reporter.report(kPlaceholder.id, text.pointer, At::Value,
                         fmt::format("metadata.{} is still the placeholder \"{}\": write the real text before "
                                     "building",
                                     key, text->size() > 40 ? text->substr(0, 37) + "..." : *text));
  }
  for_each_package(in.model, [&](const PackageEntry& package) {
    if (package.component && *package.component == kZeroId)
      in.reporter.report(kPlaceholder.id, package.component.pointer, At::Value,
                         "the all-zero component id is a placeholder: set it to your process's component id "
                         "(its export's componentId) before building");
  });
}

}  // namespace

const Rule kPlaceholder{"placeholder", Severity::Warning, RuleGroup::Release,
                        "a scaffold placeholder left in the manifest: the all-zero component id or a TODO text "
                        "(build refuses it)",
                        check_placeholder};

}  // namespace ipack::rules
