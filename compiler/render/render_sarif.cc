#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/digest.h"
#include "base/project_links.h"
#include "base/version.h"
#include "render/render.h"

namespace ipack {
namespace {

using Json = nlohmann::ordered_json;  // keys in the order written: a log a person can read

const char* kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
const char* kSourceRoot = "%SRCROOT%";

// `process-route-in-closure` → `ProcessRouteInClosure`.
std::string camel_case(std::string_view id) {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return name;
}

// RFC 3986 percent-encoding of a path: only unreserved characters and "/" are left as they are,
// so that a colon, a space, "#", "%" or a non-ASCII byte cannot change what the URI means.
std::string percent_encoded(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                c == '_' || c == '~' || c == '/';
    if (keep)
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string file_uri(const std::filesystem::path& absolute) {
  return "file://" + percent_encoded(absolute.lexically_normal().generic_string());
}

// A finding's path as an artifactLocation. Paths under the current directory are relative to
// %SRCROOT%, as code scanning wants them; one outside it ("../x") or absolute gets a file URI.
Json artifact_location(const std::string& file, const SarifRun& run) {
  std::filesystem::path path(file);
  if (path.is_absolute()) return {{"uri", file_uri(path)}};
  std::filesystem::path normal = path.lexically_normal();
  if (!normal.empty() && *normal.begin() == "..")
    return {{"uri", file_uri(std::filesystem::path(run.working_directory) / normal)}};
  return {{"uri", percent_encoded(normal.generic_string())}, {"uriBaseId", kSourceRoot}};
}

Json region_of(const Diagnostic& d) {
  Json region = {{"startLine", d.line}, {"startColumn", d.column}};
  if (d.end_line > 0 && d.end_column > 0) {
    region["endLine"] = d.end_line;
    region["endColumn"] = d.end_column;
  }
  return region;
}

// A hop of a chain: its export's file and line, and what it is.
Json hop_location(const ChainHop& hop, const SarifRun& run) {
  Json location = Json::object();
  if (!hop.file.empty()) {
    location["physicalLocation"] = {{"artifactLocation", artifact_location(hop.file, run)}};
    if (hop.line > 0) location["physicalLocation"]["region"] = {{"startLine", hop.line}};
  }
  location["message"] = {{"text", hop_label(hop)}};
  return location;
}

// What identifies a finding from one run to the next: not its line, which moves when lines are
// added above it.
std::string fingerprint(const Diagnostic& d) {
  std::string key = d.rule;
  for (const std::string* part : {&d.file, &d.pointer, &d.message}) {
    key += '\0';
    key += *part;
  }
  return sha256_hex(key);
}

const char* level_of(Severity s) { return s == Severity::Error ? "error" : "warning"; }

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

Json rule_descriptor(const RuleDescription& r) {
  const std::string& description = r.description.empty() ? r.summary : r.description;
  Json rule = {{"id", r.id}};
  // SARIF 3.49.7: a name that only repeats the id ("schema" → "Schema") is left out.
  std::string name = camel_case(r.id);
  if (!same_ignoring_case(name, r.id)) rule["name"] = name;
  rule["shortDescription"] = {{"text", r.summary}};
  rule["fullDescription"] = {{"text", description}};
  rule["helpUri"] = r.help_uri;
  // Code scanning shows `help` beside each alert; the docs have the examples.
  rule["help"] = {{"text", description + "\n\nDocumentation: " + r.help_uri},
                  {"markdown", description + "\n\n[Documentation of `" + r.id + "`](" + r.help_uri + ")"}};
  rule["defaultConfiguration"] = {{"level", level_of(r.severity)}};
  rule["properties"] = {{"tags", Json::array({r.group})}};
  return rule;
}

Json result_of(const Diagnostic& d, const std::vector<RuleDescription>& rules, const SarifRun& run) {
  Json result = {{"ruleId", d.rule}};
  for (size_t i = 0; i < rules.size(); ++i)
    if (rules[i].id == d.rule) result["ruleIndex"] = i;
  result["level"] = level_of(d.severity);
  result["message"] = {{"text", d.message}};
  Json physical = {{"artifactLocation", artifact_location(d.file, run)}, {"region", region_of(d)}};
  result["locations"] = Json::array({Json{{"physicalLocation", physical}}});
  result["partialFingerprints"] = {{"ipack/v1", fingerprint(d)}};
  if (!d.chain.empty()) {
    Json related = Json::array();
    Json flow = Json::array();
    for (size_t i = 0; i < d.chain.size(); ++i) {
      Json location = hop_location(d.chain[i], run);
      flow.push_back(Json{{"location", location}});
      Json with_id = {{"id", i}};
      with_id.update(location);
      related.push_back(with_id);
    }
    result["relatedLocations"] = related;
    Json thread_flow = {{"locations", flow}};
    result["codeFlows"] = Json::array({Json{{"threadFlows", Json::array({thread_flow})}}});
  }
  return result;
}

}  // namespace

std::string render_sarif(const std::vector<Diagnostic>& diagnostics, const std::vector<RuleDescription>& rules,
                         const SarifRun& run) {
  Json rule_list = Json::array();
  for (const auto& r : rules) rule_list.push_back(rule_descriptor(r));
  Json results = Json::array();
  for (const auto& d : diagnostics) results.push_back(result_of(d, rules, run));

  std::string root = std::filesystem::path(run.working_directory).lexically_normal().generic_string();
  if (root.empty() || root.back() != '/') root += '/';
  Json driver = {{"name", "ipack"},
                 {"version", kVersion},
                 {"semanticVersion", kVersion},
                 {"informationUri", kProjectUri},
                 {"rules", rule_list}};
  Json sarif_run = {{"tool", {{"driver", driver}}},
                    {"invocations", Json::array({Json{{"executionSuccessful", true}, {"exitCode", run.exit_code}}})},
                    {"originalUriBaseIds", {{kSourceRoot, {{"uri", "file://" + percent_encoded(root)}}}}},
                    {"columnKind", "unicodeCodePoints"},
                    {"results", results}};
  Json log = {{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", Json::array({sarif_run})}};
  // Replace, never throw: a message may quote bytes from a file that is not UTF-8.
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace ipack
