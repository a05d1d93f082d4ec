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

// pugixml places an element at its name; findings point at its `<`, the byte before (XML
// allows nothing between them).
size_t ExportPositions::offset_of(const pugi::xml_node& node) {
  size_t offset = static_cast<size_t>(std::max<ptrdiff_t>(0, node.offset_debug()));
  if (node.type() == pugi::node_element && offset > 0) --offset;
  return offset;
}

// An attribute's name and its element's name are both pointers into the buffer pugixml parsed
// (names set through pugixml's API are not, but nothing here sets one).
size_t ExportPositions::offset_of(const pugi::xml_node& node, const pugi::xml_attribute& attribute) {
  ptrdiff_t element = std::max<ptrdiff_t>(0, node.offset_debug());
  if (!attribute) return static_cast<size_t>(element);
  return static_cast<size_t>(std::max<ptrdiff_t>(0, element + (attribute.name() - node.name())));
}

}  // namespace ipack
