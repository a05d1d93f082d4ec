#include "bundle/pack_diff.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "bundle/pack_json_view.h"

namespace ipack {
namespace {

using nlohmann::json;
using namespace pack_json;

std::string s(const json& j, const char* key) { return text_of(field(j, key)); }

// A value in text output: strings quoted, absent as "(none)".
std::string text_value(const json& v) {
  if (v.is_null()) return "(none)";
  return v.dump();
}

std::string extension_label_text(const json& e) {
  std::string kind = s(e, "kind");
  std::string name = field(e, "componentName").is_string() ? fmt::format(" (\"{}\")", s(e, "componentName")) : "";
  if (kind == "connections") return fmt::format("connection {}{} field {}", s(e, "connection"), name, s(e, "field"));
  if (kind == "processProperties")
    return fmt::format("process property {}{} key {}", s(e, "component"), name, s(e, "key"));
  return fmt::format("dynamic process property {}", s(e, "name"));
}

std::string extension_attributes_text(const json& e) {
  std::vector<std::string> parts;
  for (const auto& a : kExtensionAttributes)
    if (!field(e, a).is_null()) parts.push_back(fmt::format("{} {}", a, text_value(field(e, a))));
  return parts.empty() ? "" : ": " + fmt::format("{}", fmt::join(parts, ", "));
}

std::string changes_text(const json& changes) {
  std::vector<std::string> parts;
  for (const auto& c : array_of(changes))
    parts.push_back(
        fmt::format("{} {} -> {}", s(c, "field"), text_value(field(c, "from")), text_value(field(c, "to"))));
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

std::string render_pack_diff_text(const json& d) {
  std::string out = fmt::format("{}: {} -> {}\n", s(d, "pack"), s(d, "from"), s(d, "to"));
  if (d["identical"].get<bool>()) return out + "no differences\n";
  for (const auto& w : d["warnings"]) out += fmt::format("\nWARNING: {} [{}]\n", s(w, "message"), s(w, "rule"));
  auto section = [&](const std::string& title, const json& list) {
    if (list.empty()) return false;
    out += fmt::format("\n{} ({}):\n", title, list.size());
    return true;
  };
  if (d["from"] != d["to"] || !d["metadata"].empty() || !d["spec"].empty()) {
    out += "\nPack:\n";
    if (d["from"] != d["to"]) out += fmt::format("  version: {} -> {}\n", s(d, "from"), s(d, "to"));
    for (const auto& c : d["metadata"])
      out += fmt::format("  metadata.{}: {} -> {}\n", s(c, "field"), text_value(c["from"]), text_value(c["to"]));
    for (const auto& c : d["spec"])
      out += fmt::format("  spec.{}: {} -> {}\n", s(c, "field"), text_value(c["from"]), text_value(c["to"]));
  }
  const json& p = d["packages"];
  if (section("Packages added", p["added"]))
    for (const auto& x : p["added"])
      out +=
          fmt::format("  + {} {} \"{}\" {}\n", s(x, "component"), s(x, "type"), s(x, "name"), s(x, "packageVersion"));
  if (section("Packages removed", p["removed"]))
    for (const auto& x : p["removed"])
      out +=
          fmt::format("  - {} {} \"{}\" {}\n", s(x, "component"), s(x, "type"), s(x, "name"), s(x, "packageVersion"));
  if (section("Packages re-versioned", p["reversioned"]))
    for (const auto& x : p["reversioned"])
      out += fmt::format("  ~ {} {} \"{}\": {} -> {}\n", s(x, "component"), s(x, "type"), s(x, "name"), s(x, "from"),
                         s(x, "to"));
  if (section("Packages whose closure changed", p["closureChanged"])) {
    for (const auto& x : p["closureChanged"]) {
      std::string versions = x["versionReused"].get<bool>()
                                 ? fmt::format("{}, NOT re-versioned [package-version-reused]", s(x, "to"))
                                 : fmt::format("{} -> {}", s(x, "from"), s(x, "to"));
      out += fmt::format("  {} {} \"{}\" ({}):\n", s(x, "component"), s(x, "type"), s(x, "name"), versions);
      for (const auto& c : x["added"])
        out += fmt::format("    + {} {} \"{}\" version {}\n", s(c, "id"), s(c, "type"), s(c, "name"), s(c, "version"));
      for (const auto& c : x["removed"])
        out += fmt::format("    - {} {} \"{}\" version {}\n", s(c, "id"), s(c, "type"), s(c, "name"), s(c, "version"));
      for (const auto& c : x["changed"])
        out += fmt::format("    ~ {} {} \"{}\" version {}\n", s(c, "id"), s(c, "type"), s(c, "name"),
                           c["from"] == c["to"] ? fmt::format("{} (new content under the same version)", s(c, "to"))
                                                : fmt::format("{} -> {}", s(c, "from"), s(c, "to")));
    }
  }
  if (section("Packages otherwise changed", p["updated"]))
    for (const auto& x : p["updated"])
      out += fmt::format("  ~ {} {} \"{}\": {}\n", s(x, "component"), s(x, "type"), s(x, "name"),
                         changes_text(x["fields"]));
  const json& e = d["extensions"];
  if (section("Extensions added", e["added"]))
    for (const auto& x : e["added"])
      out += fmt::format("  + {}{}\n", extension_label_text(x), extension_attributes_text(x));
  if (section("Extensions removed", e["removed"]))
    for (const auto& x : e["removed"])
      out += fmt::format("  - {}{}\n", extension_label_text(x), extension_attributes_text(x));
  if (section("Extensions changed", e["changed"]))
    for (const auto& x : e["changed"])
      out += fmt::format("  ~ {}: {}\n", extension_label_text(x), changes_text(x["changes"]));
  return out;
}

// `text` as inline code, whatever backticks it holds.
namespace {

std::string code(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (text.find('`') == std::string::npos) return "`" + text + "`";
  return "`` " + text + " ``";
}

std::string md_value(const json& v) {
  if (v.is_null()) return "none";
  return code(text_of(v));
}

std::string extension_label_md(const json& e) {
  std::string kind = s(e, "kind");
  auto component = [&](const char* id_key) {
    return field(e, "componentName").is_string()
               ? fmt::format("{} ({})", code(s(e, "componentName")), code(s(e, id_key)))
               : code(s(e, id_key));
  };
  if (kind == "connections")
    return fmt::format("Connection {}, field {}", component("connection"), code(s(e, "field")));
  if (kind == "processProperties")
    return fmt::format("Process property {}, key {}", component("component"), code(s(e, "key")));
  return fmt::format("Dynamic process property {}", code(s(e, "name")));
}

std::string changes_md(const json& changes) {
  std::vector<std::string> parts;
  for (const auto& c : array_of(changes))
    parts.push_back(fmt::format("{} {} → {}", s(c, "field"), md_value(field(c, "from")), md_value(field(c, "to"))));
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

std::string render_pack_diff_markdown(const json& d) {
  std::string out = fmt::format("## {} {}\n\n", s(d, "pack"), s(d, "to"));
  if (d["identical"].get<bool>()) return out + fmt::format("No differences from {}.\n", s(d, "from"));
  out += fmt::format("Changes since {}.\n", s(d, "from"));
  for (const auto& w : d["warnings"])
    out += fmt::format(
        "\n> **Warning:** {} keeps package version {} although its components changed. A released "
        "package version cannot change on the platform: give the package a new `packageVersion` "
        "before releasing ({}).\n",
        code(s(w, "name")), s(w, "packageVersion"), code(s(w, "rule")));
  auto section = [&](const std::string& title, const json& list) {
    if (list.empty()) return false;
    out += fmt::format("\n### {}\n\n", title);
    return true;
  };
  if (d["from"] != d["to"] || !d["metadata"].empty() || !d["spec"].empty()) {
    out += "\n### Pack\n\n";
    if (d["from"] != d["to"]) out += fmt::format("- Version {} → {}\n", s(d, "from"), s(d, "to"));
    for (const auto& c : d["metadata"])
      out += fmt::format("- {}: {} → {}\n", code("metadata." + s(c, "field")), md_value(c["from"]), md_value(c["to"]));
    for (const auto& c : d["spec"])
      out += fmt::format("- {}: {} → {}\n", code("spec." + s(c, "field")), md_value(c["from"]), md_value(c["to"]));
  }
  const json& p = d["packages"];
  if (section("Packages added", p["added"]))
    for (const auto& x : p["added"])
      out += fmt::format("- {} ({}, {}), package version {}\n", code(s(x, "name")), s(x, "type"),
                         code(s(x, "component")), s(x, "packageVersion"));
  if (section("Packages removed", p["removed"]))
    for (const auto& x : p["removed"])
      out += fmt::format("- {} ({}, {}), package version {}\n", code(s(x, "name")), s(x, "type"),
                         code(s(x, "component")), s(x, "packageVersion"));
  if (section("New package versions", p["reversioned"]))
    for (const auto& x : p["reversioned"])
      out += fmt::format("- {} ({}): {} → {}\n", code(s(x, "name")), s(x, "type"), s(x, "from"), s(x, "to"));
  if (section("Changed components", p["closureChanged"])) {
    for (const auto& x : p["closureChanged"]) {
      std::string versions = x["versionReused"].get<bool>()
                                 ? fmt::format("package version {}, **not re-versioned**", s(x, "to"))
                                 : fmt::format("package version {} → {}", s(x, "from"), s(x, "to"));
      out += fmt::format("- {} ({}, {}):\n", code(s(x, "name")), s(x, "type"), versions);
      for (const auto& c : x["added"])
        out += fmt::format("  - added {} ({}), version {}\n", code(s(c, "name")), s(c, "type"), s(c, "version"));
      for (const auto& c : x["removed"])
        out += fmt::format("  - removed {} ({}), version {}\n", code(s(c, "name")), s(c, "type"), s(c, "version"));
      for (const auto& c : x["changed"])
        out += fmt::format("  - changed {} ({}), version {}\n", code(s(c, "name")), s(c, "type"),
                           c["from"] == c["to"] ? fmt::format("{} (new content under the same version)", s(c, "to"))
                                                : fmt::format("{} → {}", s(c, "from"), s(c, "to")));
    }
  }
  if (section("Other package changes", p["updated"]))
    for (const auto& x : p["updated"])
      out += fmt::format("- {} ({}): {}\n", code(s(x, "name")), s(x, "type"), changes_md(x["fields"]));
  const json& e = d["extensions"];
  auto attributes_md = [](const json& x) {
    std::vector<std::string> parts;
    for (const auto& a : kExtensionAttributes)
      if (!field(x, a).is_null()) parts.push_back(fmt::format("{} {}", a, md_value(field(x, a))));
    return parts.empty() ? std::string() : fmt::format(": {}", fmt::join(parts, ", "));
  };
  if (section("Extensions added", e["added"]))
    for (const auto& x : e["added"]) out += fmt::format("- {}{}\n", extension_label_md(x), attributes_md(x));
  if (section("Extensions removed", e["removed"]))
    for (const auto& x : e["removed"]) out += fmt::format("- {}{}\n", extension_label_md(x), attributes_md(x));
  if (section("Extensions changed", e["changed"]))
    for (const auto& x : e["changed"])
      out += fmt::format("- {}: {}\n", extension_label_md(x), changes_md(x["changes"]));
  return out;
}

}  // namespace ipack
