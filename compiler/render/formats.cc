#include "render/formats.h"

namespace ipack {

const std::vector<FindingsFormat>& findings_formats() {
  static const std::vector<FindingsFormat> table = {
      {"text", [](const FindingsReport& r) { return render_text(r.diagnostics, r.files_checked, r.lines, r.style); }},
      {"json", [](const FindingsReport& r) { return render_json(r.diagnostics, r.files_checked); }},
      {"sarif", [](const FindingsReport& r) { return render_sarif(r.diagnostics, r.rules(), r.run); }},
      {"junit", [](const FindingsReport& r) { return render_junit(r.diagnostics, r.files); }},
      {"github", [](const FindingsReport& r) { return render_github(r.diagnostics); }},
  };
  return table;
}

const FindingsFormat* find_findings_format(std::string_view name) {
  for (const auto& f : findings_formats())
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> findings_format_names() {
  std::vector<std::string> names;
  for (const auto& f : findings_formats()) names.emplace_back(f.name);
  return names;
}

}  // namespace ipack
