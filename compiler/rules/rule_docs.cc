#include "rules/rule_docs.h"

#include "base/embedded.h"

namespace ipack {

std::string rule_documentation(std::string_view id) {
  std::string_view doc = embedded::rules_doc;
  std::string heading = "\n## `" + std::string(id) + "`";
  size_t start = doc.find(heading);
  if (start == std::string_view::npos) return "";
  ++start;
  size_t end = doc.find("\n## ", start + 1);
  size_t end_group = doc.find("\n# ", start + 1);
  end = std::min(end, end_group);
  std::string section(doc.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  while (!section.empty() && section.back() == '\n') section.pop_back();
  return section + "\n";
}

}  // namespace ipack
