#include "input/xpath_rule_config.h"

#include <set>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "base/read_file.h"
#include "base/rule_ids.h"
#include "input/json_view.h"

namespace ipack {

namespace fs = std::filesystem;

namespace {

// Why `xpath` is not an XPath 1.0 expression pugixml can evaluate, or "".
std::string xpath_error(const std::string& xpath) {
  try {
    pugi::xpath_query query(xpath.c_str());
    if (!query) return query.result().description();
  } catch (const pugi::xpath_exception& e) {
    return fmt::format("{} (at character {})", e.result().description(), e.result().offset + 1);
  } catch (const std::bad_alloc&) {
    return "too large to compile";
  }
  return "";
}

std::string string_of(const nlohmann::json& entry, const char* key) {
  const auto* v = json_view::member(&entry, key);
  return v && v->is_string() ? v->get<std::string>() : "";
}

// A SonarQube profile's `rule/parameters/parameter[key=name]/value`.
std::string parameter(const pugi::xml_node& rule, const char* name) {
  for (pugi::xml_node p : rule.child("parameters").children("parameter"))
    if (std::string(p.child_value("key")) == name) return p.child_value("value");
  return "";
}

void read_profile(const std::string& profile, const fs::path& config_dir, XPathRuleSet& set) {
  const std::string where = "/xpathRules/profile";
  fs::path path = fs::path(profile).is_absolute() ? fs::path(profile) : config_dir / profile;
  auto text = read_file_capped(path, 4 * 1024 * 1024);
  if (!text) {
    set.problems.emplace_back(where, fmt::format("cannot read the rules profile {}: {}", profile, text.error()));
    return;
  }
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(text->data(), text->size());
  pugi::xml_node rules = doc.child("profile").child("rules");
  if (!parsed || !rules) {
    set.problems.emplace_back(
        where, fmt::format("{} is not a SonarQube rules profile: {}", profile,
                           parsed ? "it has no <profile><rules>" : std::string("not well-formed XML: ") +
                                                                       parsed.description()));
    return;
  }
  int n = 0;
  for (pugi::xml_node rule : rules.children("rule")) {
    ++n;
    XPathRule r;
    r.id = rule.child_value("key");
    r.xpath = parameter(rule, "expression");
    r.message = parameter(rule, "message");
    r.summary = rule.child_value("name");
    r.from_profile = true;
    r.pointer = where;
    std::string priority = rule.child_value("priority");
    r.severity = priority == "BLOCKER" || priority == "CRITICAL" ? Severity::Error : Severity::Warning;
    if (r.id.empty() || r.xpath.empty()) {
      set.problems.emplace_back(where, fmt::format("rule {} of the profile {} has no key or no expression parameter",
                                                   n, profile));
      continue;
    }
    if (r.message.empty()) r.message = rule.child_value("description");
    if (r.message.empty()) r.message = r.summary.empty() ? r.id : r.summary;
    if (r.summary.empty()) r.summary = r.message;
    if (std::string error = xpath_error(r.xpath); !error.empty()) {
      set.problems.emplace_back(where, fmt::format("the expression of rule {} in the profile {} is not XPath 1.0: {}",
                                                   r.id, profile, error));
      continue;
    }
    set.rules.push_back(std::move(r));
  }
}

}  // namespace

XPathRuleSet xpath_rules_of(const nlohmann::json& config, const fs::path& config_dir, const RuleCatalog& catalog) {
  XPathRuleSet set;
  const auto* section = json_view::member(&config, "xpathRules");
  if (!section) return set;
  if (section->is_object()) {
    if (const auto* profile = json_view::member(section, "profile"); profile && profile->is_string())
      read_profile(profile->get<std::string>(), config_dir, set);
  } else if (section->is_array()) {
    for (size_t i = 0; i < section->size(); ++i) {
      const auto& entry = (*section)[i];
      XPathRule r;
      r.id = string_of(entry, "id");
      r.message = string_of(entry, "message");
      r.xpath = string_of(entry, "xpath");
      std::string severity = string_of(entry, "severity");
      if (r.id.empty() || r.message.empty() || r.xpath.empty() || (severity != "error" && severity != "warning"))
        continue;  // the schema says what is missing
      r.severity = severity == "error" ? Severity::Error : Severity::Warning;
      r.summary = r.message;
      r.pointer = fmt::format("/xpathRules/{}/id", i);
      if (const auto* types = json_view::member(&entry, "types"); types && types->is_array())
        for (const auto& t : *types)
          if (t.is_string()) r.types.push_back(t.get<std::string>());
      if (std::string error = xpath_error(r.xpath); !error.empty()) {
        set.problems.emplace_back(fmt::format("/xpathRules/{}/xpath", i),
                                  fmt::format("not an XPath 1.0 expression: {}", error));
        continue;
      }
      set.rules.push_back(std::move(r));
    }
  }
  // Ids: never a built-in rule's, never twice.
  std::set<std::string> seen;
  std::vector<XPathRule> kept;
  for (XPathRule& r : set.rules) {
    const std::string& where = r.pointer;
    if (catalog.find(r.id))
      set.problems.emplace_back(where, fmt::format("\"{}\" is a built-in rule's id: give the XPath rule its own", r.id));
    else if (!seen.insert(r.id).second)
      set.problems.emplace_back(where, fmt::format("two XPath rules have the id \"{}\": give each its own", r.id));
    else
      kept.push_back(std::move(r));
  }
  set.rules = std::move(kept);
  return set;
}

void report_xpath_rule_problems(const XPathRuleSet& set, const Reporter& reporter) {
  for (const auto& [pointer, message] : set.problems) reporter.report(rule_ids::kSchema, pointer, At::Value, message);
}

RuleCatalog with_xpath_rules(const RuleCatalog& catalog, const XPathRuleSet& set) {
  RuleCatalog out = catalog;
  for (const XPathRule& r : set.rules) out.rules.push_back({r.id, RuleFacts::Class::Lint});
  return out;
}

}  // namespace ipack
