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

/// Where parsed nodes are in the export's text. pugixml knows a node's byte offset (for an
/// element, of its name); findings want a line and a column. Offsets come from the parsed
/// tree alone (an attribute's name lies at a known distance from its element's in the buffer
/// pugixml parsed), never from the text, so that a buffer parsed in place can be placed too.
class ExportPositions {
 public:
  explicit ExportPositions(const LineIndex& lines) : lines_(lines) {}
  /// An element: its `<`; text: its first character.
  static size_t offset_of(const pugi::xml_node& node);
  /// The attribute's name in `node`'s start tag; the element's name when it is empty.
  static size_t offset_of(const pugi::xml_node& node, const pugi::xml_attribute& attribute);
  /// The first attribute called `attribute`, as `node.attribute(attribute)` finds it.
  static size_t offset_of(const pugi::xml_node& node, const char* attribute) {
    return offset_of(node, node.attribute(attribute));
  }
  XmlPosition of(const pugi::xml_node& node) const { return lines_.at(offset_of(node)); }
  XmlPosition of(const pugi::xml_node& node, const pugi::xml_attribute& attribute) const {
    return lines_.at(offset_of(node, attribute));
  }
  XmlPosition of(const pugi::xml_node& node, const char* attribute) const {
    return lines_.at(offset_of(node, attribute));
  }

 private:
  const LineIndex& lines_;
};

}  // namespace ipack
