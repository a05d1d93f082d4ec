#include "components/export_reader.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "base/rule_ids.h"
#include "components/connection_fields.h"
#include "components/export_xml.h"
#include "components/line_index.h"
#include "components/review_facts.h"
#include "components/xpath_review.h"
#include "input/source_file.h"

namespace ipack {

std::string normalise_component_id(std::string_view value) {
  constexpr std::string_view kRoutePrefix = "resource::rout:";
  if (value.substr(0, kRoutePrefix.size()) == kRoutePrefix) value.remove_prefix(kRoutePrefix.size());
  if (value.size() != 36) return "";
  std::string id(value);
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash) {
      if (c != '-') return "";
      continue;
    }
    // A hexadecimal digit, lower-cased (ASCII only: no locale is asked).
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return "";
    id[i] = c;
  }
  return id;
}

namespace {

// The known reference places: the table of docs/components.md, measured on platform-written
// exports. An attribute of "" is the element's text.
bool in_reference_table(const char* element, const char* attribute, const pugi::xml_node& node) {
  struct Entry {
    const char* element;
    const char* attribute;
  };
  static constexpr Entry kTable[] = {
      {"connectoraction", "connectionId"},
      {"connectoraction", "operationId"},
      {"processcall", "processId"},
      {"processroutecall", "processRouteId"},
      {"doccacheload", "docCache"},
      {"doccacheretrieve", "docCache"},
      {"doccacheremove", "docCache"},
      {"DocumentCacheJoin", "docCache"},
      {"dataprocessscript", "componentId"},
      {"crossrefparameter", "crossRefTableId"},
      {"profileelement", "profileId"},
      {"Map", "fromProfile"},
      {"Map", "toProfile"},
      {"map", "mapId"},
      {"SqlLookup", "connection"},
      {"FunctionStep", "id"},
      {"definedprocessparameter", "componentId"},
      {"route", "processId"},
      {"ConnectionOverride", "id"},
      {"OverrideableDefinedProcessPropertyComponent", "componentId"},
      {"queueComponentId", ""},
      {"WriteProfile", "profileId"},
      {"DocumentCache", "profile"},
      {"businessrules", "profileId"},
      {"connectoraction", "parameter-profile"},
  };
  for (const auto& e : kTable) {
    if (!same_name(e.element, element) || !same_name(e.attribute, attribute)) continue;
    if (same_name(element, "dataprocessscript")) return same_name(node.attribute("useComponent").value(), "true");
    if (same_name(element, "FunctionStep")) return same_name(node.attribute("category").value(), "userdefined");
    return true;
  }
  return false;
}

// Whether `value` (NUL-terminated) may be a component id, with or without the
// `resource::rout:` prefix: 36 or 51 characters. Looks at most 52 bytes of a long value, and
// at most 9 of most others: a 36-character id has a dash at 8 (normalise_component_id would
// refuse it otherwise), and a 51-character one starts with `r`.
bool id_length(const char* value) {
  if (value[0] == 'r') return ::strnlen(value, 52) == 51;
  for (int i = 0; i < 8; ++i)
    if (!value[i]) return false;
  return value[8] == '-' && ::strnlen(value + 9, 28) == 27;
}

std::string_view trimmed(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// One walk over a parsed export, every element once, in document order (iterative, so that
// deeply nested exports cannot exhaust the stack), collecting what used to take four walks:
// - an element that repeats an attribute (not well-formed XML, though pugixml reads it);
// - under the root's `object`: the component references, whether the first connector action
//   under a start shape listens, and the keys of process property values of type password;
// - under the root's `processOverrides`: the component references.
// Every step is a direct call into pugixml (linked statically), and attribute values are
// measured only as far as an id could reach.
class ExportScan {
 public:
  ExportScan(const ExportPositions& positions, const std::string& own_id) : positions_(positions), own_id_(own_id) {}

  pugi::xml_node repeated;           ///< the first element (in document order) that repeats an attribute
  std::string repeated_name;         ///< the attribute it repeats
  pugi::xml_node object, overrides;  ///< the root's first `object` and `processOverrides` children
  bool listener = false;
  std::set<std::string> secret_property_keys;
  std::vector<RawReference> object_references, override_references;

  void scan(const pugi::xml_node& root) {
    enum Region { kNone, kObject, kOverrides };
    Region region = kNone;
    int depth = 0;
    pugi::xml_node node = root;
    while (node) {
      pugi::xml_node child;  // only elements have children
      if (node.type() == pugi::node_element) {
        if (depth == 1) {  // a child of the root: the first `object` and `processOverrides` are read
          const char* name = local_name(node);
          region = kNone;
          if (!object && same_name(name, "object")) {
            region = kObject;
            object = node;
          } else if (!overrides && same_name(name, "processOverrides")) {
            region = kOverrides;
            overrides = node;
          }
        }
        child = visit(node, depth,
                      region == kNone     ? nullptr
                      : region == kObject ? &object_references
                                          : &override_references,
                      region == kObject);
      }
      // The next node in document order: the first child, else the next sibling of the
      // nearest node (this one or above) that has one.
      if (child) {
        node = child;
        ++depth;
        continue;
      }
      pugi::xml_node next;
      while (node != root && !(next = node.next_sibling())) {
        node = node.parent();
        --depth;
      }
      if (node == root) break;
      node = next;
      if (depth == 1) region = kNone;
    }
  }

 private:
  // One element; its first child, or none when its children need no visit (its only child is
  // text).
  pugi::xml_node visit(const pugi::xml_node& node, int depth, std::vector<RawReference>* references, bool in_object) {
    const char* attributes[8];
    size_t count = 0;
    const char* key = nullptr;
    const char* type = nullptr;
    const char* element = references ? local_name(node) : nullptr;
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
      const char* name = a.name();
      check_repeated(node, name, attributes, count);
      if (!references) continue;
      const char* value = a.value();
      if (same_name(name, "key")) {  // property keys, not references
        key = value;
        continue;
      }
      if (same_name(name, "type")) type = value;
      std::string_view id_text;
      // `parameter-profile="EMBEDDED|HttpParameterChooser|<operation id>"` names the operation
      // that already is a reference; another value names a profile.
      if (same_name(name, "parameter-profile")) {
        std::string_view whole = value;
        if (whole.substr(0, 9) == "EMBEDDED|") continue;
        if (size_t bar = whole.rfind('|'); bar != std::string_view::npos) whole.remove_prefix(bar + 1);
        id_text = whole;
      } else if (id_length(value)) {
        id_text = value;
      } else {
        continue;
      }
      std::string id = normalise_component_id(id_text);
      if (id.empty() || id == own_id_) continue;
      RawReference r = make_reference(std::move(id), element, name, positions_.of(node, a), node);
      r.route_prefix = id_text.substr(0, 15) == "resource::rout:";
      references->push_back(std::move(r));
    }
    if (!references) return node.first_child();
    if (in_object) {
      start_shapes(node, depth, element);
      // A process property value of type password: `type="password"` here, or a first child
      // `<type>password</type>`, which is seen when that child is visited.
      if (key && type && same_name(type, "password")) secret_property_key(key);
      if (depth >= 2 && same_name(element, "type")) password_type_child(node);
    }
    // An id as the element's whole text: `<queueComponentId>GUID</queueComponentId>`.
    pugi::xml_node first = node.first_child();
    if (first && !first.next_sibling() && (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata)) {
      std::string id = normalise_component_id(trimmed(first.value()));
      if (!id.empty() && id != own_id_)
        references->push_back(make_reference(std::move(id), element, "", positions_.of(first), node));
      return {};
    }
    return first;
  }

  void secret_property_key(const char* key) {
    std::string k = normalise_component_id(key);
    if (!k.empty()) secret_property_keys.insert(std::move(k));
  }

  // `<type>password</type>`, the first `type` child of its parent, makes the parent's `key` a
  // secret property key. Looked at from the child, so that no element looks through its
  // children for one (most elements with a `key` are a profile's, with many children).
  void password_type_child(const pugi::xml_node& type) {
    if (!same_name(type.child_value(), "password")) return;
    for (pugi::xml_node before = type.previous_sibling(); before; before = before.previous_sibling())
      if (before.type() == pugi::node_element && same_name(local_name(before), "type")) return;
    secret_property_key(type.parent().attribute("key").value());
  }

  // Most elements have a few attributes: compared pairwise, without sorting; past 8, the
  // names seen so far are sorted once and searched.
  void check_repeated(const pugi::xml_node& node, const char* name, const char** seen, size_t& count) {
    if (repeated) return;
    if (count < 8) {
      for (size_t i = 0; i < count; ++i)  // same_name stops at the first byte that differs
        if (same_name(seen[i], name)) return found(node, name);
      seen[count++] = name;
      return;
    }
    if (count == 8) {  // the ninth: every name of the element, at once
      std::vector<std::string_view> names;
      for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) names.emplace_back(a.name());
      std::sort(names.begin(), names.end());
      if (auto it = std::adjacent_find(names.begin(), names.end()); it != names.end()) return found(node, *it);
      ++count;
    }
  }
  void found(const pugi::xml_node& node, std::string_view name) {
    repeated = node;
    repeated_name = name;
  }

  // A connector action is the first one of every start shape above it that has none yet, so
  // nested start shapes cost no more than flat ones.
  void start_shapes(const pugi::xml_node& node, int depth, const char* element) {
    if (listener) return;
    while (!waiting_.empty() && waiting_.back() >= depth) waiting_.pop_back();  // no longer above `node`
    if (same_name(element, "connectoraction") && !waiting_.empty()) {
      if (same_name(node.attribute("actionType").value(), "Listen")) listener = true;
      waiting_.clear();
    } else if (same_name(element, "shape") && same_name(node.attribute("shapetype").value(), "start")) {
      waiting_.push_back(depth);
    }
  }

  static RawReference make_reference(std::string id, const char* element, const char* attribute, XmlPosition at,
                                     const pugi::xml_node& node) {
    RawReference r;
    r.target = std::move(id);
    r.element = element;
    r.attribute = attribute;
    r.at = at;
    r.in_table = in_reference_table(element, attribute, node);
    r.process_route_step = same_name(element, "processroutecall") && same_name(attribute, "processRouteId");
    if (r.process_route_step) r.route_type = node.attribute("routeType").value();
    return r;
  }

  const ExportPositions& positions_;
  const std::string& own_id_;
  std::vector<int> waiting_;  // depths of the start shapes above that have no connector action yet
};

// Overrideable entries of the sections other than connections and properties. Their inner
// shape is not documented; an entry is a child element of the section (`unused*` placeholders
// aside) naming a component by `id` or `componentId` (else by `name`); it counts when it is
// `overrideable="true"` itself, and each `field` inside it that is overrideable counts too.
void read_sections(const pugi::xml_node& overrides, Component& c) {
  struct Section {
    const char* parent;  // "" for a direct child of Overrides
    const char* element;
    const char* list;
  };
  static constexpr Section kSections[] = {
      {"", "Operations", "operations"},
      {"", "PartnerOverrides", "tradingPartners"},
      {"Extensions", "ObjectDefinitions", "objectDefinitions"},
      {"Extensions", "DataMaps", "dataMaps"},
      {"", "DataMaps", "dataMaps"},
      {"", "CrossReferenceOverrides", "crossReferences"},
      {"", "PGPOverrides", "pgpCertificates"},
  };
  auto overrideable = [](const pugi::xml_node& n) { return same_name(n.attribute("overrideable").value(), "true"); };
  for (const auto& section : kSections) {
    pugi::xml_node parent = *section.parent ? child_named(overrides, section.parent) : overrides;
    for (pugi::xml_node entry = child_named(parent, section.element).first_child(); entry;
         entry = entry.next_sibling()) {
      if (entry.type() != pugi::node_element || std::strncmp(local_name(entry), "unused", 6) == 0) continue;
      std::string component = normalise_component_id(entry.attribute("id").value());
      if (component.empty()) component = normalise_component_id(entry.attribute("componentId").value());
      if (component.empty()) component = entry.attribute("name").value();
      if (component.empty()) continue;
      if (overrideable(entry)) c.extensions.sections.insert({section.list, component, "", ""});
      std::vector<pugi::xml_node> stack{entry};
      while (!stack.empty()) {
        pugi::xml_node n = stack.back();
        stack.pop_back();
        for (pugi::xml_node f = n.first_child(); f; f = f.next_sibling()) {
          if (f.type() != pugi::node_element) continue;
          if (same_name(local_name(f), "field") && overrideable(f) && *f.attribute("id").value())
            c.extensions.sections.insert({section.list, component, f.attribute("id").value(),
                                          normalise_field_path(f.attribute("xpath").value())});
          stack.push_back(f);
        }
      }
    }
  }
}

void read_extensions(const pugi::xml_node& overrides_root, const ExportPositions& positions, Component& c) {
  c.extensions.at = positions.of(overrides_root);
  pugi::xml_node overrides = child_named(overrides_root, "Overrides");
  if (!overrides) return;
  for (pugi::xml_node co = child_named(overrides, "Connections").first_child(); co; co = co.next_sibling()) {
    if (!same_name(local_name(co), "ConnectionOverride")) continue;
    std::string connection = normalise_component_id(co.attribute("id").value());
    if (connection.empty()) continue;
    c.extensions.connections_overridden.insert(connection);
    auto& list = c.extensions.field_lists[connection];
    for (pugi::xml_node f = co.first_child(); f; f = f.next_sibling()) {
      if (!same_name(local_name(f), "field") || !*f.attribute("id").value()) continue;
      ConnectionField field{f.attribute("id").value(), f.attribute("label").value(),
                            normalise_field_path(f.attribute("xpath").value()),
                            same_name(f.attribute("overrideable").value(), "true"), ""};
      if (field.overrideable) c.extensions.connection_fields.emplace(connection, field.id);
      list.push_back(std::move(field));
    }
  }
  for (pugi::xml_node p = child_named(overrides, "Properties").first_child(); p; p = p.next_sibling())
    if (same_name(local_name(p), "PropertyOverride") && *p.attribute("name").value())
      c.extensions.dynamic_properties.insert(p.attribute("name").value());
  pugi::xml_node defined = child_named(overrides, "DefinedProcessPropertyOverrides");
  for (pugi::xml_node comp = defined.first_child(); comp; comp = comp.next_sibling()) {
    if (!same_name(local_name(comp), "OverrideableDefinedProcessPropertyComponent")) continue;
    std::string component = normalise_component_id(comp.attribute("componentId").value());
    if (component.empty()) continue;
    for (pugi::xml_node v = comp.first_child(); v; v = v.next_sibling())
      if (same_name(local_name(v), "OverrideableDefinedProcessPropertyValue") &&
          same_name(v.attribute("overrideable").value(), "true")) {
        std::string key = normalise_component_id(v.attribute("key").value());
        c.extensions.process_properties.emplace(component, key.empty() ? v.attribute("key").value() : key);
      }
  }
  read_sections(overrides, c);
}

// The offset of the next `&#` at or after `from`, or npos; then of the next `<!`. Each looks
// for the pair's rarer byte in XML (`&`, `!`) with memchr, at memory speed.
size_t next_reference(const std::string& text, size_t from) {
  while (from < text.size()) {
    const void* at = std::memchr(text.data() + from, '&', text.size() - from);
    if (!at) break;
    size_t i = static_cast<size_t>(static_cast<const char*>(at) - text.data());
    if (i + 1 < text.size() && text[i + 1] == '#') return i;
    from = i + 1;
  }
  return std::string::npos;
}
size_t next_markup(const std::string& text, size_t from) {
  for (size_t at = from + 1; at < text.size();) {
    const void* bang = std::memchr(text.data() + at, '!', text.size() - at);
    if (!bang) break;
    size_t i = static_cast<size_t>(static_cast<const char*>(bang) - text.data());
    if (text[i - 1] == '<') return i - 1;
    at = i + 1;
  }
  return std::string::npos;
}

// The offset of the first character reference (`&#0;`, `&#x1;`) to a code point that XML does
// not allow, or npos. pugixml would decode `&#0;` to a NUL that ends the value early.
// References inside comments and CDATA sections are text.
size_t bad_character_reference(const std::string& text) {
  size_t pos = 0;
  size_t reference = next_reference(text, 0), markup = next_markup(text, 0);
  for (;;) {
    if (reference != std::string::npos && reference < pos) reference = next_reference(text, pos);
    if (markup != std::string::npos && markup < pos) markup = next_markup(text, pos);
    if (markup < reference) {  // a comment or CDATA section before the next reference is skipped whole
      size_t i = markup;
      if (text.compare(i, 4, "<!--") == 0) {
        i = text.find("-->", i + 4);
        if (i == std::string::npos) return i;
      } else if (text.compare(i, 9, "<![CDATA[") == 0) {
        i = text.find("]]>", i + 9);
        if (i == std::string::npos) return i;
      }
      pos = i + 1;
      continue;
    }
    if (reference == std::string::npos) return reference;
    size_t i = reference;
    pos = i + 1;
    bool hex = i + 2 < text.size() && text[i + 2] == 'x';
    size_t digits = i + (hex ? 3 : 2), end = digits;
    unsigned long code = 0;
    while (end < text.size() && end - digits < 8 && std::isxdigit(static_cast<unsigned char>(text[end])) &&
           (hex || std::isdigit(static_cast<unsigned char>(text[end])))) {
      code = code * (hex ? 16 : 10) + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(text[end]))
                                                                     ? text[end] - '0'
                                                                     : (text[end] | 0x20) - 'a' + 10);
      ++end;
    }
    if (end == digits || end >= text.size() || text[end] != ';') continue;  // pugixml judges those
    bool allowed = code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
                   (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
    if (!allowed) return i;
  }
}

}  // namespace

std::optional<Component> read_component_export(const std::string& display_path, std::string& text,
                                               std::vector<Diagnostic>& out,
                                               const std::vector<XPathRule>& xpath_rules) {
  bool ascii = false;
  size_t bad_utf8 = first_invalid_utf8(text, ascii);
  LineIndex lines(text, ascii);
  auto fail = [&](XmlPosition at, std::string message) {
    out.push_back(make_finding(rule_ids::kComponentXml, display_path, at.line, at.column, std::move(message)));
    return std::nullopt;
  };
  if (bad_utf8 != std::string::npos)
    return fail(lines.at(bad_utf8), fmt::format("the file is not UTF-8 (byte 0x{:02X}); save the export as UTF-8",
                                                static_cast<unsigned>(static_cast<unsigned char>(text[bad_utf8]))));

  // Character references are judged in the text as read, before a parse in place changes it;
  // pugixml's own error, when it has one, is reported first.
  size_t bad_reference = bad_character_reference(text);
  auto shared_doc = std::make_shared<pugi::xml_document>();
  pugi::xml_document& doc = *shared_doc;
  // parse_default leaves out parse_doctype: a DOCTYPE, with any entity declarations in it,
  // is skipped; entities are never expanded and nothing is ever fetched.
  // The export is parsed in its own buffer (no copy of it is made): its lines and code points
  // are indexed first, and its positions come from the tree, so nothing reads the text after.
  // With XPath rules it is parsed from a copy: they see the text as read, and their
  // evaluation, which may outlive this call, shares the document.
  // In place, the string's own terminating NUL is part of the buffer: pugixml's copy is the
  // text and a NUL, and parsing the same bytes gives the same tree and the same error offsets
  // (on the text alone it ends the text at its last byte instead). pugixml writes only NULs
  // there.
  pugi::xml_parse_result parsed;
  if (xpath_rules.empty()) {
    lines.index_whole();
    parsed = doc.load_buffer_inplace(text.data(), text.size() + 1, pugi::parse_default, pugi::encoding_utf8);
  } else {
    parsed = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  }
  if (!parsed)
    return fail(lines.at(static_cast<size_t>(std::max<ptrdiff_t>(0, parsed.offset))),
                fmt::format("not well-formed XML: {}", parsed.description()));

  if (bad_reference != std::string::npos)
    return fail(lines.at(bad_reference),
                "not well-formed XML: a character reference to a character XML does not allow");

  pugi::xml_node root = doc.document_element();
  ExportPositions positions(lines);
  // The envelope's attributes in one pass (each attribute() call compares every name before
  // the one it finds); the first of each name, as attribute() gives it.
  pugi::xml_attribute component_id, type, name, version, deleted;
  for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
    const char* n = a.name();
    pugi::xml_attribute* slot = same_name(n, "componentId") ? &component_id
                                : same_name(n, "type")      ? &type
                                : same_name(n, "name")      ? &name
                                : same_name(n, "version")   ? &version
                                : same_name(n, "deleted")   ? &deleted
                                                            : nullptr;
    if (slot && !*slot) *slot = a;
  }
  // The id is needed during the walk (a component's references to itself are left out); it is
  // judged after it, so that a repeated attribute is reported first.
  std::string own_id = normalise_component_id(component_id.value());
  ExportScan scan(positions, own_id);
  scan.scan(root);
  if (scan.repeated)
    return fail(
        lines.at(static_cast<size_t>(std::max<ptrdiff_t>(1, scan.repeated.offset_debug())) - 1),
        fmt::format("not well-formed XML: <{}> has the attribute {} twice", scan.repeated.name(), scan.repeated_name));
  if (!root || !same_name(local_name(root), "Component"))
    return fail(root ? lines.at(static_cast<size_t>(std::max<ptrdiff_t>(1, root.offset_debug())) - 1) : XmlPosition{},
                fmt::format("not a Boomi component export: the root element is <{}>, expected <bns:Component>",
                            root ? root.name() : ""));
  Component c;
  c.file = display_path;
  c.at = positions.of(root);
  const std::pair<const char*, pugi::xml_attribute> required[] = {
      {"componentId", component_id}, {"type", type}, {"name", name}};
  for (const auto& [what, attribute] : required)
    if (!attribute)
      return fail(c.at, fmt::format("not a Boomi component export: <{}> has no {} attribute", root.name(), what));
  c.id = std::move(own_id);
  if (c.id.empty())
    return fail(positions.of(root, "componentId"),
                fmt::format("componentId \"{}\" is not a component id (a GUID)", component_id.value()));
  c.type = type.value();
  c.name = name.value();
  c.version = version.value();
  c.deleted = same_name(deleted.value(), "true");
  c.listener = scan.listener;
  c.secret_property_keys = std::move(scan.secret_property_keys);
  c.references = std::move(scan.object_references);
  for (auto& r : scan.override_references) c.references.push_back(std::move(r));

  if (scan.object && c.type == "connector-settings") read_connection_fields(scan.object, c);
  if (scan.overrides) read_extensions(scan.overrides, positions, c);
  read_secrets(child_named(root, "encryptedValues"), c);
  read_review_facts(root, positions, c);
  if (!xpath_rules.empty()) review_with_xpath(xpath_rules, c, text, std::move(shared_doc), out);
  return c;
}

}  // namespace ipack
