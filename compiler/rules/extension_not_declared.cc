#include <fmt/format.h>

#include "pack/pack_view.h"
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

void check(const PackInput& in) {
  // Only when every packaged process's export is there is it known what they declare.
  if (!in.components || !in.components->complete) return;
  const auto* extensions = pack_view::member(pack_view::member(&in.pack, "spec"), "extensions");
  if (!extensions) return;
  DeclaredExtensions declared = declared_by_packages(*in.components);
  auto each = [&](const char* list, auto&& is_declared, auto&& describe) {
    const auto* entries = pack_view::member(extensions, list);
    if (!entries || !entries->is_array()) return;
    for (size_t i = 0; i < entries->size(); ++i) {
      const auto& entry = (*entries)[i];
      if (!entry.is_object() || is_declared(entry)) continue;
      std::string what = describe(entry);
      if (what.empty()) continue;
      in.reporter.report(kExtensionNotDeclared.id, fmt::format("/spec/extensions/{}/{}", list, i), At::Value,
                         fmt::format("no packaged process declares {} overrideable, so installers cannot set it: "
                                     "declare it in the process's extensions, or remove this entry",
                                     what));
    }
  };
  each(
      "connections",
      [&](const nlohmann::json& e) {
        auto c = pack_view::string_member(&e, "connection");
        auto f = pack_view::string_member(&e, "field");
        return !c || !f || declared.connection_fields.count({key_of(*c), *f});
      },
      [&](const nlohmann::json& e) {
        std::string id = key_of(*pack_view::string_member(&e, "connection"));
        const Component* c = in.components->graph.find(id);
        return fmt::format("field {} of connection {}", *pack_view::string_member(&e, "field"),
                           c ? fmt::format("\"{}\"", c->name) : id);
      });
  each(
      "processProperties",
      [&](const nlohmann::json& e) {
        auto c = pack_view::string_member(&e, "component");
        auto k = pack_view::string_member(&e, "key");
        return !c || !k || declared.process_properties.count({key_of(*c), key_of(*k)});
      },
      [&](const nlohmann::json& e) {
        return fmt::format("process property {} of {}", *pack_view::string_member(&e, "key"),
                           *pack_view::string_member(&e, "component"));
      });
  each(
      "dynamicProcessProperties",
      [&](const nlohmann::json& e) {
        auto n = pack_view::string_member(&e, "name");
        return !n || declared.dynamic_properties.count(*n);
      },
      [&](const nlohmann::json& e) {
        return fmt::format("dynamic process property {}", *pack_view::string_member(&e, "name"));
      });
  // The other override sections: operations, trading partners, object definitions, data maps,
  // cross reference tables, PGP certificates.
  static constexpr std::pair<const char*, const char*> kSections[] = {
      {"operations", "operation"},           {"tradingPartners", "trading partner"},
      {"objectDefinitions", "object definition"}, {"dataMaps", "data map"},
      {"crossReferences", "cross reference table"}, {"pgpCertificates", "PGP certificate"}};
  for (const auto& [list, noun] : kSections) {
    std::string section = list;
    std::string what = noun;
    each(
        list,
        [&](const nlohmann::json& e) {
          auto c = pack_view::string_member(&e, "component");
          return !c || declared.sections.count({section, key_of(*c), pack_view::string_member(&e, "field").value_or(""), ""});
        },
        [&](const nlohmann::json& e) {
          std::string id = key_of(*pack_view::string_member(&e, "component"));
          const Component* c = in.components->graph.find(id);
          std::string named = c ? fmt::format("\"{}\"", c->name) : id;
          auto field = pack_view::string_member(&e, "field");
          return field ? fmt::format("field {} of {} {}", *field, what, named) : fmt::format("{} {}", what, named);
        });
  }
}

}  // namespace

const Rule kExtensionNotDeclared{"extension-not-declared", Severity::Error, RuleGroup::Extensions,
                                 "a manifest extensions entry that no packaged process declares overrideable", check};

}  // namespace ipack::rules
