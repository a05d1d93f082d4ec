#pragma once
/// Small tools over a parsed export: names without their prefix, children by name, and the
/// line and column of a node or attribute in the export's text.

#include <cstddef>
#include <string>

#include <pugixml.hpp>

#include "components/component.h"
#include "components/line_index.h"

namespace ipack {

/// `bns:Component` → `Component`.
const char* local_name(const pugi::xml_node& node);

/// Whether two NUL-terminated names are equal: strcmp's answer, inline, for the short names of
/// XML elements and attributes (most differ in their first byte).
inline bool same_name(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}

/// The first child element whose local name is `local`, or an empty node.
pugi::xml_node child_named(const pugi::xml_node& parent, const char* local);

/// The offset of attribute `name`'s name inside the start tag whose name starts at
/// `element_offset`; `element_offset` itself when the tag has no such attribute.
size_t attribute_offset(const std::string& text, size_t element_offset, const char* name);

/// Where parsed nodes are in the export's text. pugixml knows a node's byte offset (for an
/// element, of its name); findings want a line and a column.
class ExportPositions {
 public:
  ExportPositions(const std::string& text, const LineIndex& lines) : text_(text), lines_(lines) {}
  /// An element: its `<`; text: its first character.
  size_t offset_of(const pugi::xml_node& node) const;
  /// The attribute's name in the element's start tag.
  size_t offset_of(const pugi::xml_node& node, const char* attribute) const;
  XmlPosition of(const pugi::xml_node& node) const { return lines_.at(offset_of(node)); }
  XmlPosition of(const pugi::xml_node& node, const char* attribute) const {
    return lines_.at(offset_of(node, attribute));
  }

 private:
  const std::string& text_;
  const LineIndex& lines_;
};

}  // namespace ipack
