#include "components/connection_fields.h"

#include <cstring>

namespace ipack {

std::string normalise_field_path(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  constexpr std::string_view kObject = "bns:object/";
  if (path.substr(0, kObject.size()) == kObject) path.remove_prefix(kObject.size());
  std::string out;
  out.reserve(path.size());
  char quote = 0;
  for (char ch : path) {
    if (ch == '"') ch = '\'';
    if (ch == '\'') quote = quote ? 0 : ch;
    if (!quote && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) continue;
    out += ch;
  }
  return out;
}

namespace {

const char* local_name(const pugi::xml_node& node) {
  const char* name = node.name();
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

bool is_credential_name(const char* name) {
  for (const char* n : {"url", "user", "username", "password"})
    if (std::strcmp(name, n) == 0) return true;
  return false;
}

void add_field(Component& c, std::string id, std::string xpath, std::string type = "") {
  if (!c.fields.insert(id).second) return;
  c.own_fields.push_back({std::move(id), "", std::move(xpath), false, std::move(type)});
}

}  // namespace

bool path_names_field(std::string_view secret, std::string_view xpath) {
  if (secret.empty() || xpath.empty()) return false;
  auto within = [](std::string_view inner, std::string_view outer) {
    return inner.size() > outer.size() && inner.substr(0, outer.size()) == outer && inner[outer.size()] == '/';
  };
  return secret == xpath || within(xpath, secret) || within(secret, xpath);
}

bool is_secret_xpath(const Component& c, std::string_view xpath) {
  std::string normalised = normalise_field_path(xpath);
  for (const auto& secret : c.secret_paths)
    if (path_names_field(secret, normalised)) return true;
  return false;
}

bool connection_sets(const Component& c, const ConnectionField& field) {
  std::string xpath = normalise_field_path(field.xpath);
  if (xpath.empty())
    for (const auto& own : c.own_fields)
      if (own.id == field.id) xpath = own.xpath;
  constexpr std::string_view kText = "/text()";
  if (xpath.size() > kText.size() && xpath.compare(xpath.size() - kText.size(), kText.size(), kText) == 0)
    xpath.resize(xpath.size() - kText.size());
  // A Connector SDK field's path names its element; the value is its `value` attribute.
  auto it = c.settings.find(xpath + "/@value");
  if (it == c.settings.end()) it = c.settings.find(xpath);
  if (it == c.settings.end()) {
    // An attribute the connection's element does not carry is not set; a path ipack cannot
    // place at all might be, and counts as set.
    size_t at = xpath.rfind("/@");
    return at == std::string::npos || !c.settings.count(xpath.substr(0, at));
  }
  return it->second.find_first_not_of(" \t\r\n") != std::string::npos;
}

namespace {

// Every attribute and text value under `object`, by path. A `field` element with an `id` is
// named by it (`GenericConnectionConfig/field[@id='url']`), as Connector SDK field paths are.
void read_settings(const pugi::xml_node& object, Component& c) {
  struct Pending {
    pugi::xml_node node;
    std::string path;
  };
  std::vector<Pending> stack;
  for (pugi::xml_node n = object.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_element) stack.push_back({n, local_name(n)});
  while (!stack.empty()) {
    Pending p = std::move(stack.back());
    stack.pop_back();
    if (std::strcmp(local_name(p.node), "field") == 0 && *p.node.attribute("id").value())
      p.path += std::string("[@id='") + p.node.attribute("id").value() + "']";
    for (pugi::xml_attribute a = p.node.first_attribute(); a; a = a.next_attribute())
      c.settings.emplace(p.path + "/@" + a.name(), a.value());
    pugi::xml_node text = p.node.first_child();
    c.settings.emplace(p.path, text && text.type() == pugi::node_pcdata ? text.value() : "");
    for (pugi::xml_node child = p.node.first_child(); child; child = child.next_sibling())
      if (child.type() == pugi::node_element) stack.push_back({child, p.path + "/" + local_name(child)});
  }
}

}  // namespace

void read_connection_fields(const pugi::xml_node& object, Component& c) {
  read_settings(object, c);
  pugi::xml_node settings;
  for (pugi::xml_node n = object.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_element) {
      settings = n;
      break;
    }
  if (!settings) return;
  if (std::strcmp(local_name(settings), "GenericConnectionConfig") == 0) {
    for (pugi::xml_node f = settings.first_child(); f; f = f.next_sibling())
      if (std::strcmp(local_name(f), "field") == 0 && *f.attribute("id").value())
        add_field(c, f.attribute("id").value(),
                  std::string("GenericConnectionConfig/field[@id='") + f.attribute("id").value() + "']",
                  f.attribute("type").value());
    return;
  }
  // Breadth-first, so that the shallowest attribute of each name is the field.
  struct Pending {
    pugi::xml_node node;
    std::string path;
  };
  std::vector<Pending> level{{settings, local_name(settings)}};
  while (!level.empty()) {
    std::vector<Pending> next;
    for (const auto& p : level) {
      for (pugi::xml_attribute a = p.node.first_attribute(); a; a = a.next_attribute())
        if (is_credential_name(a.name())) add_field(c, a.name(), p.path + "/@" + a.name());
      for (pugi::xml_node child = p.node.first_child(); child; child = child.next_sibling())
        if (child.type() == pugi::node_element) next.push_back({child, p.path + "/" + local_name(child)});
    }
    level = std::move(next);
  }
}

void read_secrets(const pugi::xml_node& encrypted_values, Component& c) {
  for (pugi::xml_node e = encrypted_values.first_child(); e; e = e.next_sibling()) {
    if (std::strcmp(local_name(e), "encryptedValue") != 0) continue;
    std::string path = normalise_field_path(e.attribute("path").value());
    if (path.empty()) continue;
    c.secret_paths.insert(path);
    // A process property value: `…[@key='<guid>']…` names its key.
    for (size_t at = path.find("[@key='"); at != std::string::npos; at = path.find("[@key='", at + 1)) {
      size_t start = at + 7, end = path.find('\'', start);
      if (end == std::string::npos) break;
      std::string key = normalise_component_id(std::string_view(path).substr(start, end - start));
      if (!key.empty()) c.secret_property_keys.insert(key);
    }
  }
  for (const auto& f : c.own_fields) {
    // `GenericConnectionConfig/field[@type='password']` names every field of that type.
    bool secret = is_secret_xpath(c, f.xpath) ||
                  (!f.type.empty() && is_secret_xpath(c, "GenericConnectionConfig/field[@type='" + f.type + "']"));
    if (secret || f.id == "password") c.secret_fields.insert(f.id);
  }
}

}  // namespace ipack
