#include "components/xpath_review.h"

#include <catch2/catch.hpp>

#include "components/export_reader.h"

namespace ipack {
namespace {

// A multi-line export whose `bns:` prefixes sit before the nodes the rules select, so that a
// position in the export without them must be mapped back.
const std::string kExport =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<bns:Component xmlns:bns=\"http://api.platform.boomi.com/\" componentId=\"8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b\"\n"
    "    version=\"1\" name=\"New Process\" type=\"process\"><bns:encryptedValues/>\n"
    "  <bns:description/><bns:object><process workload=\"general\">\n"
    "    <shapes><shape shapetype=\"exception\"><configuration><exception><exMessage>failed</exMessage>"
    "</exception></configuration></shape></shapes></process></bns:object>\n"
    "</bns:Component>\n";

XPathRule rule(std::string id, std::string xpath, bool from_profile, std::vector<std::string> types = {}) {
  XPathRule r;
  r.id = std::move(id);
  r.xpath = std::move(xpath);
  r.message = "m";
  r.from_profile = from_profile;
  r.types = std::move(types);
  return r;
}

std::vector<Diagnostic> review(const std::vector<XPathRule>& rules, const std::string& text = kExport) {
  std::string copy = text;
  std::vector<Diagnostic> out;
  auto c = read_component_export("c.xml", copy, out, rules);
  REQUIRE(c);
  return out;
}

}  // namespace

TEST_CASE("XPath rules report at each selected node, with and without bns:", "[xpath]") {
  auto out = review({rule("name", "/bns:Component/@name", false), rule("Name", "/Component/@name", true),
                     rule("Description", "/Component/description", true),
                     rule("Message", "//exMessage/text()", true), rule("Workload", "//process/@workload", true)});
  REQUIRE(out.size() == 5);
  auto at = [&](const std::string& id) {
    for (const auto& d : out)
      if (d.rule == id) return std::make_pair(d.line, d.column);
    return std::make_pair(0, 0);
  };
  CHECK(at("name") == std::make_pair(3, 17));
  CHECK(at("Name") == std::make_pair(3, 17));
  CHECK(at("Description") == std::make_pair(4, 3));
  CHECK(at("Workload") == std::make_pair(4, 42));
  const std::string line5 = "    <shapes><shape shapetype=\"exception\"><configuration><exception><exMessage>";
  CHECK(at("Message") == std::make_pair(5, static_cast<int>(line5.size()) + 1));
  for (const auto& d : out) CHECK(d.severity == Severity::Warning);
}

TEST_CASE("XPath rules: types select exports; non-node results match when true; matches are capped", "[xpath]") {
  CHECK(review({rule("maps", "/bns:Component", false, {"transform.map"})}).empty());
  CHECK(review({rule("is-new", "starts-with(/bns:Component/@name, 'New ')", false)}).size() == 1);
  CHECK(review({rule("count", "count(//nothing)", false)}).empty());
  std::string many = kExport;
  std::string shapes;
  for (int i = 0; i < 150; ++i) shapes += "<x/>";
  many.replace(many.find("<shapes>"), 8, "<shapes>" + shapes);
  auto out = review({rule("xs", "//x", false)}, many);
  REQUIRE(out.size() == 101);
  CHECK(out.back().message == "m (50 more matches in this export are not listed)");
}

TEST_CASE("XPath rules with bns: are not evaluated on an export that binds Boomi's namespace otherwise", "[xpath]") {
  std::string other = kExport;
  for (size_t at = other.find("bns:"); at != std::string::npos; at = other.find("bns:", at)) other.replace(at, 4, "b:");
  other.replace(other.find("xmlns:bns="), 10, "xmlns:b=");  // Boomi's namespace, prefix b:
  auto out = review({rule("name", "/bns:Component/@name", false), rule("Name", "/Component/@name", true)}, other);
  REQUIRE(out.size() == 1);
  CHECK(out[0].rule == "name");
  CHECK(out[0].message.find("not evaluated: the export does not bind the prefix bns:") == 0);
}

}  // namespace ipack
