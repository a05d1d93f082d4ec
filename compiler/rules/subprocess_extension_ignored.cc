#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

// What `sub` declares that `parent` does not, for the message.
std::vector<std::string> undeclared(const DeclaredExtensions& sub, const DeclaredExtensions& parent) {
  std::vector<std::string> out;
  for (const auto& f : sub.connection_fields)
    if (!parent.connection_fields.count(f)) out.push_back(fmt::format("field {} of connection {}", f.second, f.first));
  for (const auto& p : sub.dynamic_properties)
    if (!parent.dynamic_properties.count(p)) out.push_back(fmt::format("dynamic process property {}", p));
  for (const auto& p : sub.process_properties)
    if (!parent.process_properties.count(p)) out.push_back(fmt::format("process property {} of {}", p.second, p.first));
  return out;
}

void check_subprocess_extension_ignored(const PackInput& in) {
  if (!in.components) return;
  for (const auto& p : in.components->closures) {
    if (p.primary->type != "process") continue;
    for (const Component* member : p.closure.members) {
      if (member == p.closure.root || member->type != "process") continue;
      auto extra = undeclared(member->extensions, p.primary->extensions);
      if (extra.empty()) continue;
      std::string list = extra[0];
      for (size_t i = 1; i < extra.size() && i < 3; ++i) list += ", " + extra[i];
      if (extra.size() > 3) list += fmt::format(" and {} more", extra.size() - 3);
      in.reporter.report_in(kSubprocessExtensionIgnored.id, member->file, member->extensions.at.line,
                            member->extensions.at.column,
                            fmt::format("process \"{}\" runs as a subprocess of the packaged process \"{}\", which "
                                        "does not declare {}: extensions take effect only on the packaged process; "
                                        "declare them there",
                                        member->name, p.primary->name, list));
    }
  }
}

}  // namespace

const Rule kSubprocessExtensionIgnored{"subprocess-extension-ignored", Severity::Warning, RuleGroup::Extensions,
                                       "a subprocess declares extensions that its packaged parent does not",
                                       check_subprocess_extension_ignored};

}  // namespace ipack::rules
