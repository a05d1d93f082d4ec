#include "rules/rule_descriptions.h"

#include "base/project_links.h"
#include "rules/rule_docs.h"
#include "rules/rule_registry.h"

namespace ipack {
namespace {

// The first paragraph after the heading and the "**Severity:** …" line, its lines joined.
std::string first_paragraph(const std::string& section) {
  std::string paragraph;
  size_t pos = 0;
  bool started = false;
  while (pos < section.size()) {
    size_t end = section.find('\n', pos);
    if (end == std::string::npos) end = section.size();
    std::string_view line(section.data() + pos, end - pos);
    pos = end + 1;
    bool skip = line.rfind("#", 0) == 0 || line.rfind("**Severity:**", 0) == 0;
    if (line.empty() || skip) {
      if (started) break;
      continue;
    }
    if (started) paragraph += ' ';
    paragraph += line;
    started = true;
  }
  return paragraph;
}

}  // namespace

std::vector<RuleDescription> describe_rules() {
  std::vector<RuleDescription> table;
  for (const Rule* r : all_rules()) {
    RuleDescription d;
    d.id = std::string(r->id);
    d.severity = r->severity;
    d.group = group_name(r->group);
    d.summary = std::string(r->summary);
    d.description = first_paragraph(rule_documentation(r->id));
    if (d.description.empty()) d.description = d.summary;
    d.help_uri = std::string(kRuleDocsUri) + d.id;
    table.push_back(std::move(d));
  }
  return table;
}

std::vector<RuleDescription> describe_xpath_rules(const XPathRuleSet& set) {
  std::vector<RuleDescription> table;
  for (const XPathRule& r : set.rules) {
    RuleDescription d;
    d.id = r.id;
    d.severity = r.severity;
    d.group = "xpath";
    d.summary = r.summary;
    d.description = r.message == r.summary ? "" : r.message;
    d.help_uri = std::string(kXPathRulesDocsUri);
    table.push_back(std::move(d));
  }
  return table;
}

}  // namespace ipack
