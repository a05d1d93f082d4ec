#include "components/export_xml.h"

#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace ipack {

// Every element's offset points at its `<` and name, every attribute's at its name, in the text
// as it was read; and a buffer parsed in place (whose text pugixml overwrites: names and values
// ended with NULs, entities decoded, CRLF folded) gives the same offsets as a parsed copy.
TEST_CASE("positions come from the tree: in place or copied, each node is where the text has it", "[export]") {
  const std::string text =
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<!-- c --><bns:Component\r\n  a=\"x &amp; y\"\tb='&#65;&#x42;'\r\n"
      "  c=\"line\r\nbreak\"><p\n q=\"1\">text &lt; more<inner z=\"&quot;\"/>tail\r\n</p><![CDATA[<x y=\"1\"/>]]>"
      "<e/><e2  f =  \"v\"  /></bns:Component>";
  struct Seen {
    std::vector<size_t> elements, attributes;
  };
  auto walk = [](const pugi::xml_document& doc) {
    Seen seen;
    std::vector<pugi::xml_node> stack{doc.document_element()};
    while (!stack.empty()) {
      pugi::xml_node n = stack.back();
      stack.pop_back();
      seen.elements.push_back(ExportPositions::offset_of(n));
      for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        seen.attributes.push_back(ExportPositions::offset_of(n, a));
        CHECK(ExportPositions::offset_of(n, a.name()) == seen.attributes.back());
      }
      if (n.type() == pugi::node_element)  // no such attribute: the element's name
        CHECK(ExportPositions::offset_of(n, "absent") == ExportPositions::offset_of(n) + 1);
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) stack.push_back(c);
    }
    return seen;
  };
  pugi::xml_document copied;
  REQUIRE(copied.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8));
  Seen from_copy = walk(copied);
  std::vector<std::string> names;
  for (size_t at : from_copy.attributes) names.push_back(text.substr(at, 2));
  CHECK(names == std::vector<std::string>{"a=", "b=", "c=", "f ", "q=", "z="});  // stack order: <e2> before <p>
  size_t texts = 0;
  std::vector<pugi::xml_node> stack{copied.document_element()};
  while (!stack.empty()) {
    pugi::xml_node n = stack.back();
    stack.pop_back();
    size_t at = ExportPositions::offset_of(n);
    if (n.type() == pugi::node_element) {
      CHECK(text[at] == '<');
      CHECK(text.compare(at + 1, std::strlen(n.name()), n.name()) == 0);
    } else if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      CHECK(text.compare(at, 4, std::string(n.value()).substr(0, 4)) == 0);
      ++texts;
    }
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) stack.push_back(c);
  }
  CHECK(texts == 3);  // `text &lt; more`, `tail`, the CDATA section

  std::string buffer = text;
  pugi::xml_document in_place;
  REQUIRE(in_place.load_buffer_inplace(buffer.data(), buffer.size(), pugi::parse_default, pugi::encoding_utf8));
  REQUIRE(buffer != text);  // pugixml did write into it
  Seen from_buffer = walk(in_place);
  CHECK(from_buffer.elements == from_copy.elements);
  CHECK(from_buffer.attributes == from_copy.attributes);
}

}  // namespace ipack
