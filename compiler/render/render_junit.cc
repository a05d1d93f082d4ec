#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "input/source_file.h"
#include "render/render.h"

namespace ipack {
namespace {

// XML 1.0 cannot hold most control characters, even escaped, and must be UTF-8 here: those
// become U+FFFD, so a message quoting a broken file still gives a document that parses.
std::string xml_safe(std::string_view s) {
  std::string utf8 = with_utf8_replacements(s);
  std::string out;
  out.reserve(utf8.size());
  for (char c : utf8) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F)
      out += "\xEF\xBF\xBD";
    else
      out += c;
  }
  return out;
}

std::string failure_text(const Diagnostic& d) {
  std::string text = fmt::format("{}:{} {}", d.line, d.column, d.message);
  for (const auto& line : chain_lines(d)) text += "\n" + line;
  return text;
}

void set_attribute(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name).set_value(xml_safe(value).c_str());
}

void set_attribute(pugi::xml_node node, const char* name, size_t value) {
  node.append_attribute(name).set_value(std::to_string(value).c_str());
}

}  // namespace

std::string render_junit(const std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files_checked) {
  // file → rule → its findings, each in the sorted order they came in.
  std::map<std::string, std::map<std::string, std::vector<const Diagnostic*>>> by_file;
  for (const auto& f : files_checked) by_file[f];
  for (const auto& d : diagnostics) by_file[d.file][d.rule].push_back(&d);

  pugi::xml_document doc;
  pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("UTF-8");
  pugi::xml_node root = doc.append_child("testsuites");
  set_attribute(root, "name", std::string("ipack"));

  size_t all_tests = 0, all_failures = 0;
  for (const auto& [file, rules] : by_file) {
    pugi::xml_node suite = root.append_child("testsuite");
    set_attribute(suite, "name", file);
    size_t tests = rules.empty() ? 1 : rules.size();
    set_attribute(suite, "tests", tests);
    set_attribute(suite, "failures", rules.size());
    all_tests += tests;
    all_failures += rules.size();
    if (rules.empty()) {
      pugi::xml_node passed = suite.append_child("testcase");
      set_attribute(passed, "classname", file);
      set_attribute(passed, "name", std::string("ipack"));
    }
    for (const auto& [rule, findings] : rules) {
      pugi::xml_node testcase = suite.append_child("testcase");
      set_attribute(testcase, "classname", file);
      set_attribute(testcase, "name", rule);
      for (const Diagnostic* d : findings) {
        pugi::xml_node failure = testcase.append_child("failure");
        set_attribute(failure, "message", d->message);
        set_attribute(failure, "type", std::string(severity_name(d->severity)));
        failure.text().set(xml_safe(failure_text(*d)).c_str());
      }
    }
  }
  set_attribute(root, "tests", all_tests);
  set_attribute(root, "failures", all_failures);

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace ipack
