// `ipack diff OLD NEW`: what changed between two bundles of one pack, as release notes. Works
// on the two pack.json documents only (read_bundle; signatures are not verified).
#include <algorithm>
#include <iostream>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/atomic_file.h"
#include "bundle/bundle_reader.h"
#include "cli/commands.h"
#include "cli/diff_plans.h"

namespace ipack::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct DiffFlags {
  std::string old_bundle;
  std::string new_bundle;
  std::string format = "text";
  std::string output;
};

// ---- safe access to a pack.json that may be malformed ---------------------------------------

const json& field(const json& j, const std::string& key) {
  static const json null_value;
  if (!j.is_object()) return null_value;
  auto it = j.find(key);
  return it == j.end() ? null_value : *it;
}

std::string text_of(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "";
  return j.dump();
}

std::string str(const json& j, const std::string& key) { return text_of(field(j, key)); }

const json& array_of(const json& j) {
  static const json empty = json::array();
  return j.is_array() ? j : empty;
}

// Every leaf of an object, by dotted path ("release.schedule"); arrays are leaves.
void flatten(const json& j, const std::string& prefix, std::map<std::string, json>& out) {
  if (j.is_object() && !j.empty()) {
    for (const auto& [k, v] : j.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
  } else if (!prefix.empty()) {
    out[prefix] = j;
  }
}

// [{field, from, to}] for every path whose value differs (null when absent), sorted by path.
json field_changes(const json& old_object, const json& new_object, const std::set<std::string>& skip) {
  std::map<std::string, json> a, b;
  flatten(old_object, "", a);
  flatten(new_object, "", b);
  std::set<std::string> paths;
  for (const auto& [k, v] : a) paths.insert(k);
  for (const auto& [k, v] : b) paths.insert(k);
  json out = json::array();
  for (const auto& path : paths) {
    if (skip.count(path)) continue;
    json from = a.count(path) ? a[path] : json(), to = b.count(path) ? b[path] : json();
    if (from != to) out.push_back({{"field", path}, {"from", from}, {"to", to}});
  }
  return out;
}

// ---- the diff ------------------------------------------------------------------------------

std::map<std::string, json> packages_by_id(const json& pack) {
  std::map<std::string, json> out;
  for (const auto& p : array_of(field(pack, "packages"))) out.emplace(str(p, "component"), p);
  return out;
}

std::map<std::string, json> closure_of(const json& package) {
  std::map<std::string, json> out;
  for (const auto& c : array_of(field(field(package, "closure"), "components"))) out.emplace(str(c, "id"), c);
  return out;
}

json package_summary(const json& p) {
  return {{"component", str(p, "component")}, {"name", str(p, "name")}, {"type", str(p, "type")},
          {"packageVersion", str(p, "packageVersion")}};
}

json component_summary(const json& c) {
  return {{"id", str(c, "id")}, {"name", str(c, "name")}, {"type", str(c, "type")}, {"version", str(c, "version")}};
}

// The kinds of extension, how their entries are keyed, and what is compared.
struct ExtensionKind {
  const char* kind;
  std::vector<std::string> keys;
};
const std::vector<ExtensionKind>& extension_kinds() {
  static const std::vector<ExtensionKind> kinds = {{"connections", {"connection", "field"}},
                                                   {"processProperties", {"component", "key"}},
                                                   {"dynamicProcessProperties", {"name"}}};
  return kinds;
}
const std::vector<std::string> kExtensionAttributes = {"default", "description", "pattern", "required", "secret"};

// Names of components by id, from both bundles' closures (the newer name wins).
std::map<std::string, std::string> component_names(const json& old_pack, const json& new_pack) {
  std::map<std::string, std::string> names;
  for (const json* pack : {&old_pack, &new_pack})
    for (const auto& p : array_of(field(*pack, "packages")))
      for (const auto& [id, c] : closure_of(p)) names[id] = str(c, "name");
  return names;
}

json extension_entry(const ExtensionKind& kind, const std::vector<std::string>& key, const json& e,
                     const std::map<std::string, std::string>& names) {
  json out = {{"kind", kind.kind}};
  for (size_t i = 0; i < kind.keys.size(); ++i) out[kind.keys[i]] = key[i];
  if (kind.keys[0] != "name") {
    auto it = names.find(key[0]);
    out["componentName"] = it == names.end() ? json() : json(it->second);
  }
  if (!e.is_null())
    for (const auto& a : kExtensionAttributes)
      if (!field(e, a).is_null()) out[a] = field(e, a);
  return out;
}

json diff_extensions(const json& old_pack, const json& new_pack) {
  auto names = component_names(old_pack, new_pack);
  json added = json::array(), removed = json::array(), changed = json::array();
  for (const auto& kind : extension_kinds()) {
    using Entries = std::map<std::vector<std::string>, json>;
    auto entries = [&](const json& pack) {
      Entries out;
      for (const auto& e : array_of(field(field(pack, "extensions"), kind.kind))) {
        std::vector<std::string> key;
        for (const auto& k : kind.keys) key.push_back(str(e, k));
        out.emplace(std::move(key), e);
      }
      return out;
    };
    Entries a = entries(old_pack), b = entries(new_pack);
    for (const auto& [key, e] : b)
      if (!a.count(key)) added.push_back(extension_entry(kind, key, e, names));
    for (const auto& [key, e] : a) {
      auto it = b.find(key);
      if (it == b.end()) {
        removed.push_back(extension_entry(kind, key, e, names));
        continue;
      }
      json changes = json::array();
      for (const auto& attr : kExtensionAttributes)
        if (field(e, attr) != field(it->second, attr))
          changes.push_back({{"field", attr}, {"from", field(e, attr)}, {"to", field(it->second, attr)}});
      if (changes.empty()) continue;
      json entry = extension_entry(kind, key, json(), names);
      entry["changes"] = changes;
      changed.push_back(entry);
    }
  }
  return {{"added", added}, {"removed", removed}, {"changed", changed}};
}

json diff_packages(const json& old_pack, const json& new_pack, json& warnings) {
  auto a = packages_by_id(old_pack), b = packages_by_id(new_pack);
  json added = json::array(), removed = json::array(), reversioned = json::array(), closure_changed = json::array(),
       updated = json::array();
  for (const auto& [id, p] : b)
    if (!a.count(id)) added.push_back(package_summary(p));
  for (const auto& [id, old_p] : a) {
    auto it = b.find(id);
    if (it == b.end()) {
      removed.push_back(package_summary(old_p));
      continue;
    }
    const json& new_p = it->second;
    std::string from = str(old_p, "packageVersion"), to = str(new_p, "packageVersion");
    if (from != to)
      reversioned.push_back(
          {{"component", id}, {"name", str(new_p, "name")}, {"type", str(new_p, "type")}, {"from", from}, {"to", to}});

    auto old_c = closure_of(old_p), new_c = closure_of(new_p);
    json c_added = json::array(), c_removed = json::array(), c_changed = json::array();
    for (const auto& [cid, c] : new_c)
      if (!old_c.count(cid)) c_added.push_back(component_summary(c));
    for (const auto& [cid, c] : old_c) {
      auto ct = new_c.find(cid);
      if (ct == new_c.end()) {
        c_removed.push_back(component_summary(c));
      } else if (str(c, "sha256") != str(ct->second, "sha256")) {
        json entry = {{"id", cid}, {"name", str(ct->second, "name")}, {"type", str(ct->second, "type")},
                      {"from", str(c, "version")}, {"to", str(ct->second, "version")}};
        if (str(c, "name") != str(ct->second, "name")) entry["previousName"] = str(c, "name");
        c_changed.push_back(entry);
      }
    }
    bool closure_known_change = field(old_p, "closure").is_null() != field(new_p, "closure").is_null();
    if (!c_added.empty() || !c_removed.empty() || !c_changed.empty() || closure_known_change) {
      bool reused = from == to;
      closure_changed.push_back({{"component", id},
                                 {"name", str(new_p, "name")},
                                 {"type", str(new_p, "type")},
                                 {"from", from},
                                 {"to", to},
                                 {"versionReused", reused},
                                 {"added", c_added},
                                 {"removed", c_removed},
                                 {"changed", c_changed}});
      if (reused)
        warnings.push_back(
            {{"rule", "package-version-reused"},
             {"component", id},
             {"name", str(new_p, "name")},
             {"packageVersion", to},
             {"message", fmt::format("package \"{}\" keeps packageVersion {} although its closure changed: a released "
                                     "package version is immutable on the platform; give the package a new version",
                                     str(new_p, "name"), to)}});
    }

    json fields = json::array();
    for (const char* f : {"name", "type", "shareable", "published", "notes"})
      if (field(old_p, f) != field(new_p, f))
        fields.push_back({{"field", f}, {"from", field(old_p, f)}, {"to", field(new_p, f)}});
    if (!fields.empty())
      updated.push_back({{"component", id}, {"name", str(new_p, "name")}, {"type", str(new_p, "type")}, {"fields", fields}});
  }
  return {{"added", added},
          {"removed", removed},
          {"reversioned", reversioned},
          {"closureChanged", closure_changed},
          {"updated", updated}};
}

json diff_packs(const json& old_pack, const json& new_pack) {
  const json &old_meta = field(old_pack, "metadata"), &new_meta = field(new_pack, "metadata");
  json warnings = json::array();
  json diff = {{"pack", str(new_meta, "name")},
               {"from", str(old_meta, "version")},
               {"to", str(new_meta, "version")},
               {"metadata", field_changes(old_meta, new_meta, {"name", "version"})},
               {"spec", field_changes(field(old_pack, "spec"), field(new_pack, "spec"), {"components"})},
               {"packages", diff_packages(old_pack, new_pack, warnings)},
               {"extensions", diff_extensions(old_pack, new_pack)}};
  diff["warnings"] = warnings;
  bool same = diff["from"] == diff["to"] && diff["metadata"].empty() && diff["spec"].empty();
  for (const char* group : {"packages", "extensions"})
    for (const auto& [k, v] : diff[group].items()) same = same && v.empty();
  diff["identical"] = same;
  return diff;
}

// ---- rendering -----------------------------------------------------------------------------

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
    parts.push_back(fmt::format("{} {} -> {}", s(c, "field"), text_value(field(c, "from")), text_value(field(c, "to"))));
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string render_text(const json& d) {
  std::string out = fmt::format("{}: {} -> {}\n", s(d, "pack"), s(d, "from"), s(d, "to"));
  if (d["identical"].get<bool>()) return out + "no differences\n";
  for (const auto& w : d["warnings"])
    out += fmt::format("\nWARNING: {} [{}]\n", s(w, "message"), s(w, "rule"));
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
      out += fmt::format("  + {} {} \"{}\" {}\n", s(x, "component"), s(x, "type"), s(x, "name"), s(x, "packageVersion"));
  if (section("Packages removed", p["removed"]))
    for (const auto& x : p["removed"])
      out += fmt::format("  - {} {} \"{}\" {}\n", s(x, "component"), s(x, "type"), s(x, "name"), s(x, "packageVersion"));
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
      out += fmt::format("  ~ {} {} \"{}\": {}\n", s(x, "component"), s(x, "type"), s(x, "name"), changes_text(x["fields"]));
  const json& e = d["extensions"];
  if (section("Extensions added", e["added"]))
    for (const auto& x : e["added"]) out += fmt::format("  + {}{}\n", extension_label_text(x), extension_attributes_text(x));
  if (section("Extensions removed", e["removed"]))
    for (const auto& x : e["removed"]) out += fmt::format("  - {}{}\n", extension_label_text(x), extension_attributes_text(x));
  if (section("Extensions changed", e["changed"]))
    for (const auto& x : e["changed"]) out += fmt::format("  ~ {}: {}\n", extension_label_text(x), changes_text(x["changes"]));
  return out;
}

// `text` as inline code, whatever backticks it holds.
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
    return field(e, "componentName").is_string() ? fmt::format("{} ({})", code(s(e, "componentName")), code(s(e, id_key)))
                                                 : code(s(e, id_key));
  };
  if (kind == "connections") return fmt::format("Connection {}, field {}", component("connection"), code(s(e, "field")));
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

std::string render_markdown(const json& d) {
  std::string out = fmt::format("## {} {}\n\n", s(d, "pack"), s(d, "to"));
  if (d["identical"].get<bool>())
    return out + fmt::format("No differences from {}.\n", s(d, "from"));
  out += fmt::format("Changes since {}.\n", s(d, "from"));
  for (const auto& w : d["warnings"])
    out += fmt::format("\n> **Warning:** {} keeps package version {} although its components changed. A released "
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
      out += fmt::format("- {} ({}, {}), package version {}\n", code(s(x, "name")), s(x, "type"), code(s(x, "component")),
                         s(x, "packageVersion"));
  if (section("Packages removed", p["removed"]))
    for (const auto& x : p["removed"])
      out += fmt::format("- {} ({}, {}), package version {}\n", code(s(x, "name")), s(x, "type"), code(s(x, "component")),
                         s(x, "packageVersion"));
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
    for (const auto& x : e["changed"]) out += fmt::format("- {}: {}\n", extension_label_md(x), changes_md(x["changes"]));
  return out;
}

// ---- the command ---------------------------------------------------------------------------

std::optional<BundleContents> read_one(const std::string& path, int& exit_code) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    print_error(fmt::format("cannot read {}: no such file", path));
    exit_code = kCannotWork;
    return std::nullopt;
  }
  auto contents = read_bundle(path);
  if (!contents) {
    print_error(fmt::format("cannot read {}: {}", path, contents.error()));
    exit_code = kCannotWork;
    return std::nullopt;
  }
  const json& format = field(contents->pack, "format");
  if (format != "ipack-bundle/1") {
    print_error(fmt::format("cannot read {}: unknown bundle format {}", path, format.dump()));
    exit_code = kCannotWork;
    return std::nullopt;
  }
  return std::move(contents).take();
}

int run(const DiffFlags& f) {
  if (is_plan_path(f.old_bundle) && is_plan_path(f.new_bundle))
    return diff_install_plans(f.old_bundle, f.new_bundle, f.format, f.output);
  int exit_code = kOk;
  auto old_contents = read_one(f.old_bundle, exit_code);
  if (!old_contents) return exit_code;
  auto new_contents = read_one(f.new_bundle, exit_code);
  if (!new_contents) return exit_code;
  const json &old_pack = old_contents->pack, &new_pack = new_contents->pack;
  std::string old_name = str(field(old_pack, "metadata"), "name"), new_name = str(field(new_pack, "metadata"), "name");
  if (old_name != new_name) {
    print_error(fmt::format("{} and {} are bundles of different packs (\"{}\" and \"{}\"): diff compares two releases of "
                            "one pack",
                            f.old_bundle, f.new_bundle, old_name, new_name));
    return kFindings;
  }
  json diff = diff_packs(old_pack, new_pack);
  std::string rendered = f.format == "json" ? diff.dump(2) + "\n"
                         : f.format == "markdown" ? render_markdown(diff)
                                                  : render_text(diff);
  return emit(rendered, f.output) ? kOk : kCannotWork;
}

}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<DiffFlags>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "What changed between two bundles of the same pack, as release notes (does NOT verify signatures)");
  cmd->footer(
      "Reports the pack's version, packages added, removed, re-versioned or whose components changed (a changed\n"
      "closure under the same packageVersion is flagged: package-version-reused), and extensions added, removed or\n"
      "changed. Compares the bundles' pack.json only and does NOT verify their signatures: run ipack verify for that.\n"
      "Exit 0 (also when nothing differs), 1 for bundles of two different packs, 3 for a bundle that cannot be read.\n"
      "Given two install plans (NAME.install.yaml), says what changes for that customer instead.");
  cmd->add_option("old", flags->old_bundle, "The earlier bundle (.ipack)")->required()->type_name("OLD");
  cmd->add_option("new", flags->new_bundle, "The later bundle (.ipack)")->required()->type_name("NEW");
  cmd->add_option("--format", flags->format, "Output format: text, json (stable, documented) or markdown (release notes)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->default_str("text");
  cmd->add_option("-o,--output", flags->output, "Write the report to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
