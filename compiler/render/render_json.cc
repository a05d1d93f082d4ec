#include <nlohmann/json.hpp>

#include "base/version.h"
#include "render/render.h"

namespace ipack {

std::string render_json(const std::vector<Diagnostic>& diagnostics, size_t files) {
  using nlohmann::json;
  json list = json::array();
  for (const auto& d : diagnostics) {
    json chain = json::array();
    for (const auto& hop : d.chain)
      chain.push_back({{"id", hop.id}, {"type", hop.type}, {"name", hop.name}, {"file", hop.file}, {"line", hop.line}});
    json entry = {{"file", d.file},
                    {"line", d.line},
                    {"column", d.column},
                    {"endLine", d.end_line ? json(d.end_line) : json(nullptr)},
                    {"endColumn", d.end_column ? json(d.end_column) : json(nullptr)},
                    {"severity", severity_name(d.severity)},
                    {"rule", d.rule},
                    {"message", d.message},
                    {"pointer", d.pointer},
                    {"chain", chain}};
    if (!d.pattern.empty()) entry["pattern"] = d.pattern;
    list.push_back(std::move(entry));
  }
  Counts c = count(diagnostics);
  json doc = {{"version", 1},
              {"tool", {{"name", "ipack"}, {"version", kVersion}}},
              {"diagnostics", list},
              {"summary", {{"files", files}, {"errors", c.errors}, {"warnings", c.warnings}}}};
  // Replace, never throw: a message may quote bytes from a file that is not UTF-8.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ipack
