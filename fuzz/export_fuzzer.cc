// libFuzzer target: any bytes as a component export.
//
// Each input is read twice: as a run without XPath rules reads it (pugixml parses the bytes in
// place, overwriting them, and positions come from the tree and the line index made first), and
// as a run with XPath rules does (pugixml parses a copy). The rule given applies to no component
// type, so it is never evaluated. Both reads must give the same answer, in the same places.
#include <cstddef>
#include <cstdint>
#include <string>

#include "components/export_reader.h"

namespace {

bool same(const ipack::XmlPosition& a, const ipack::XmlPosition& b) { return a.line == b.line && a.column == b.column; }

bool same_values(const std::vector<ipack::XmlValue>& a, const std::vector<ipack::XmlValue>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].value != b[i].value || !same(a[i].at, b[i].at)) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::string in_place_text = bytes, copied_text = bytes;
  ipack::XPathRule never;
  never.id = "fuzz-never";
  never.message = "never evaluated";
  never.xpath = "/";
  never.types = {std::string(1, '\0')};  // a type read from XML holds no NUL
  std::vector<ipack::Diagnostic> in_place_findings, copied_findings;
  auto in_place = ipack::read_component_export("fuzz.xml", in_place_text, in_place_findings);
  auto copied = ipack::read_component_export("fuzz.xml", copied_text, copied_findings, {never});

  if (!in_place && in_place_findings.empty()) __builtin_trap();  // a refusal always says why
  for (const auto& d : in_place_findings)
    if (d.line < 1 || d.column < 1) __builtin_trap();
  if (copied_text != bytes) __builtin_trap();  // with XPath rules the text is left as read
  if (!(in_place_findings == copied_findings) || in_place.has_value() != copied.has_value()) __builtin_trap();
  if (!in_place) return 0;
  const ipack::Component& a = *in_place;
  const ipack::Component& b = *copied;
  if (a.id != b.id || a.type != b.type || a.name != b.name || !same(a.at, b.at)) __builtin_trap();
  if (a.references.size() != b.references.size()) __builtin_trap();
  for (size_t i = 0; i < a.references.size(); ++i) {
    const auto& r = a.references[i];
    const auto& s = b.references[i];
    if (r.target != s.target || r.element != s.element || r.attribute != s.attribute || !same(r.at, s.at))
      __builtin_trap();
  }
  if (!same(a.extensions.at, b.extensions.at) || !same(a.review.name_at, b.review.name_at)) __builtin_trap();
  if (a.review.description.has_value() != b.review.description.has_value() ||
      (a.review.description && !same_values({*a.review.description}, {*b.review.description})))
    __builtin_trap();
  if (!same_values(a.review.exception_messages, b.review.exception_messages) ||
      !same_values(a.review.business_rule_messages, b.review.business_rule_messages))
    __builtin_trap();
  return 0;
}
