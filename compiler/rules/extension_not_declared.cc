#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

// What the packaged processes (the highest-level ones, where extensions take effect) declare.
DeclaredExtensions declared_by_packages(const PackComponents& components) {
  DeclaredExtensions all;
  for (const auto& p : components.closures) {
    if (p.primary->type != "process") continue;
    const auto& e = p.primary->extensions;
    all.connection_fields.insert(e.connection_fields.begin(), e.connection_fields.end());
    all.dynamic_properties.insert(e.dynamic_properties.begin(), e.dynamic_properties.end());
    all.process_properties.insert(e.process_properties.begin(), e.process_properties.end());
    all.sections.insert(e.sections.begin(), e.sections.end());
  }
  return all;
}

std::string key_of(const std::string& value) {
  std::string id = normalise_component_id(value);
  return id.empty() ? value : id;
}

void check_extension_not_declared(const PackInput& in) {
  // Only when every packaged process's export is there is it known what they declare.
  if (!in.components || !in.components->complete) return;
  const PackExtensions& extensions = in.model.extensions;
  if (!extensions.listed.present) return;
  DeclaredExtensions declared = declared_by_packages(*in.components);
  auto each = [&](const std::vector<ExtensionEntry>& entries, auto&& is_declared, auto&& describe) {
    for (const ExtensionEntry& entry : entries) {
      if (!entry.is_object || is_declared(entry)) continue;
      std::string what = describe(entry);
      if (what.empty()) continue;
      in.reporter.report(kExtensionNotDeclared.id, entry.pointer, At::Value,
                         fmt::format("no packaged process declares {} overrideable, so installers cannot set it: "
                                     "declare it in the process's extensions, or remove this entry",
                                     what));
    }
  };
  each(
      extensions.connections,
      [&](const ExtensionEntry& e) {
        const auto& c = e.connection;
        const auto& f = e.field;
        return !c || !f || declared.connection_fields.count({key_of(*c), *f});
      },
      [&](const ExtensionEntry& e) {
        std::string id = key_of(*e.connection);
        const Component* c = in.components->graph.find(id);
        return fmt::format("field {} of connection {}", *e.field, c ? fmt::format("\"{}\"", c->name) : id);
      });
  each(
      extensions.process_properties,
      [&](const ExtensionEntry& e) {
        const auto& c = e.component;
        const auto& k = e.key;
        return !c || !k || declared.process_properties.count({key_of(*c), key_of(*k)});
      },
      [&](const ExtensionEntry& e) { return fmt::format("process property {} of {}", *e.key, *e.component); });
  each(
      extensions.dynamic_process_properties,
      [&](const ExtensionEntry& e) {
        const auto& n = e.name;
        return !n || declared.dynamic_properties.count(*n);
      },
      [&](const ExtensionEntry& e) { return fmt::format("dynamic process property {}", *e.name); });
  // The other override sections: operations, trading partners, object definitions, data maps,
  // cross reference tables, PGP certificates.
  static constexpr std::pair<const char*, const char*> kSections[] = {{"operations", "operation"},
                                                                      {"tradingPartners", "trading partner"},
                                                                      {"objectDefinitions", "object definition"},
                                                                      {"dataMaps", "data map"},
                                                                      {"crossReferences", "cross reference table"},
                                                                      {"pgpCertificates", "PGP certificate"}};
  for (const auto& [list, noun] : kSections) {
    std::string section = list;
    std::string what = noun;
    auto entries = extensions.sections.find(section);
    if (entries == extensions.sections.end()) continue;
    each(
        entries->second,
        [&](const ExtensionEntry& e) {
          return !e.component || declared.sections.count({section, key_of(*e.component), e.field.value_or(""), ""});
        },
        [&](const ExtensionEntry& e) {
          std::string id = key_of(*e.component);
          const Component* c = in.components->graph.find(id);
          std::string named = c ? fmt::format("\"{}\"", c->name) : id;
          return e.field ? fmt::format("field {} of {} {}", *e.field, what, named) : fmt::format("{} {}", what, named);
        });
  }
}

}  // namespace

const Rule kExtensionNotDeclared{"extension-not-declared", Severity::Error, RuleGroup::Extensions,
                                 "a manifest extensions entry that no packaged process declares overrideable",
                                 check_extension_not_declared};

}  // namespace ipack::rules
