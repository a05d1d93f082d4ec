#include "components/export_xml.h"

#include <algorithm>
#include <cstring>

namespace ipack {

const char* local_name(const pugi::xml_node& node) {
  // Element names are short: a loop here is cheaper than a call to strrchr.
  const char* name = node.name();
  const char* local = name;
  for (const char* p = name; *p; ++p)
    if (*p == ':') local = p + 1;
  return local;
}

pugi::xml_node child_named(const pugi::xml_node& parent, const char* local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && same_name(local_name(c), local)) return c;
  return {};
}

size_t attribute_offset(const std::string& text, size_t element_offset, const char* name) {
  size_t i = element_offset;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < text.size() && !is_space(text[i]) && text[i] != '>' && text[i] != '/') ++i;
  size_t name_length = std::strlen(name);
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size() || text[i] == '>' || text[i] == '/') break;
    size_t start = i;
    while (i < text.size() && text[i] != '=' && !is_space(text[i]) && text[i] != '>') ++i;
    if (i - start == name_length && text.compare(start, name_length, name) == 0) return start;
    while (i < text.size() && text[i] != '"' && text[i] != '\'' && text[i] != '>') ++i;
    if (i >= text.size() || text[i] == '>') break;
    char quote = text[i];
    size_t close = text.find(quote, i + 1);
    if (close == std::string::npos) break;
    i = close + 1;
  }
  return element_offset;
}

// pugixml places an element at its name; findings point at its `<`.
size_t ExportPositions::offset_of(const pugi::xml_node& node) const {
  size_t offset = static_cast<size_t>(std::max<ptrdiff_t>(0, node.offset_debug()));
  if (node.type() == pugi::node_element && offset > 0 && offset <= text_.size() && text_[offset - 1] == '<') --offset;
  return offset;
}

size_t ExportPositions::offset_of(const pugi::xml_node& node, const char* attribute) const {
  size_t element = static_cast<size_t>(std::max<ptrdiff_t>(0, node.offset_debug()));
  return attribute_offset(text_, element, attribute);
}

}  // namespace ipack
