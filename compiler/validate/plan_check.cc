#include "validate/plan_check.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "base/rule_ids.h"
#include "bundle/bundle_reader.h"
#include "bundle/pack_compiler.h"
#include "components/export_reader.h"
#include "input/json_view.h"
#include "input/reporter.h"
#include "input/source_file.h"
#include "rules/rule_registry.h"
#include "rules/rules.h"

namespace ipack {
namespace {

using nlohmann::json;

// Each extension value is a value or a secret reference: the schema cannot say "exactly one".
void check_value_shape(const PlanModel& plan, const Reporter& reporter) {
  for (const auto& i : plan.instances)
    for (const auto& v : i.extensions) {
      if (!v.is_object) continue;
      if (v.value.present && v.secret)
        reporter.report(rule_ids::kSchema, v.pointer, At::Value, "give either value or secret, not both");
      else if (!v.value.present && !v.secret)
        reporter.report(rule_ids::kSchema, v.pointer, At::Value,
                        "the entry needs a value or a secret: {env: NAME} / {file: PATH}");
    }
}

// The plan's text output must not show a secret literal: its lines are shown with the value
// blanked out, the caret still under it.
void mask_secret_lines(const SourceFile& source, const std::vector<Diagnostic>& diagnostics,
                       std::map<int, std::string>& masked) {
  for (const auto& d : diagnostics) {
    if (d.rule != rules::kSecretLiteral.id) continue;
    int last = d.end_line ? d.end_line : d.line;
    for (int n = d.line; n <= last; ++n) {
      std::string line(source.line(n));
      size_t from = n == d.line ? utf8_offset_of_column(line, d.column) : 0;
      size_t to = n == last && d.end_column ? utf8_offset_of_column(line, d.end_column) : line.size();
      std::string out = line.substr(0, from);
      for (size_t k = from; k < to && k < line.size(); ++k)
        if ((static_cast<unsigned char>(line[k]) & 0xC0) != 0x80) out += '*';
      if (to < line.size()) out += line.substr(to);
      masked[n] = out;
    }
  }
}

// The pack of that name in the nearest folder above the plan; else the only one of that name.
const PackTarget* nearest_pack(const PlanTargets& targets, const std::string& name, const std::string& plan_path,
                               std::string& ambiguous) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path plan = fs::absolute(plan_path, ec).lexically_normal();
  auto [first, last] = targets.by_name.equal_range(name);
  const PackTarget* best = nullptr;
  size_t best_depth = 0, count = 0;
  for (auto it = first; it != last; ++it, ++count) {
    fs::path folder = fs::absolute(it->second.first, ec).lexically_normal();
    fs::path relative = plan.lexically_relative(folder);
    bool above = !relative.empty() && *relative.begin() != "..";
    size_t depth = std::distance(folder.begin(), folder.end());
    if (above && (!best || depth > best_depth)) {
      best = &it->second.second;
      best_depth = depth;
    }
  }
  if (best) return best;
  if (count == 1) return &first->second.second;
  for (auto it = first; it != last; ++it) ambiguous += (ambiguous.empty() ? "" : ", ") + it->second.second.origin;
  return nullptr;
}

}  // namespace

void PlanTargets::add(const std::filesystem::path& folder, PackTarget target) {
  std::string name = target.name;  // before the target is moved
  by_name.emplace(std::move(name), std::make_pair(folder, std::move(target)));
}

std::optional<PackTarget> source_pack_target(const ManifestResult& pack, const std::string& display) {
  if (!pack.document || !pack.pack) return std::nullopt;
  const PackModel& m = *pack.pack;
  const PackComponents* components = pack.components ? &*pack.components : nullptr;
  if (!m.metadata.name || !m.metadata.version || !m.installation) return std::nullopt;
  json form = {{"metadata", {{"name", *m.metadata.name}, {"version", *m.metadata.version}}},
               {"spec", {{"installation", *m.installation}}},
               {"packages", json::array()}};
  std::set<std::string> listeners;
  for (const PackageEntry& p : m.packages) {
    if (!p.component) continue;
    const Component* primary = components ? components->graph.find(p.component_id()) : nullptr;
    std::string type = primary ? primary->type : p.type.value_or("");
    std::string name = primary ? primary->name : p.name.value_or("");
    form["packages"].push_back({{"component", p.component_id()}, {"type", type}, {"name", name}});
    if (primary && primary->listener) listeners.insert(primary->id);
  }
  form["extensions"] = merged_extensions(m, components);
  auto target = pack_target_of(form, listeners, display);
  if (!target) return std::nullopt;
  return std::move(target).take();
}

Result<PackTarget> bundle_pack_target(const std::filesystem::path& bundle, const std::vector<PublicKey>& keys) {
  auto keep_export = [](const std::string& name) { return name.rfind("components/", 0) == 0; };
  auto contents = read_bundle(bundle, {}, keep_export);
  if (!contents) return Error{contents.error()};
  if (auto verified = verify_bundle(*contents, keys, keys.empty()); !verified) {
    if (!keys.empty() || !contents->signature) return Error{"it does not verify: " + verified.error()};
    // Without keys a signed bundle is read for its content, which its digests still vouch for.
    BundleContents unsigned_view = *contents;
    unsigned_view.signature.reset();
    if (auto held = verify_bundle(unsigned_view, {}, true); !held) return Error{"it does not verify: " + held.error()};
  }
  // Which packaged processes listen: pack.json does not say, their exports do.
  std::set<std::string> listeners;
  if (const json* packages = json_view::member(&contents->pack, "packages"); packages && packages->is_array())
    for (const auto& p : *packages) {
      auto id = json_view::string_member(&p, "component");
      if (!id || json_view::string_member(&p, "type") != "process") continue;
      auto it = contents->kept.find("components/" + *id + ".xml");
      if (it == contents->kept.end()) continue;
      std::vector<Diagnostic> ignored;  // the export is parsed in place: it is not read again
      if (auto c = read_component_export(it->first, it->second, ignored); c && c->listener) listeners.insert(c->id);
    }
  auto target = pack_target_of(contents->pack, listeners, bundle.filename().string());
  if (!target) return Error{"its pack.json " + target.error()};
  return target;
}

void check_plan_against(const SourceFile& source, ManifestResult& result, const CheckSettings& settings,
                        const PlanTargets& targets, std::map<int, std::string>& masked) {
  const PlanModel& plan = *result.plan;
  const YamlDocument& doc = *result.document;
  Reporter reporter(source, doc.positions, result.diagnostics);
  check_value_shape(plan, reporter);
  const PackTarget* target = targets.given ? &*targets.given : nullptr;
  std::string ambiguous;
  if (!target && plan.pack) target = nearest_pack(targets, *plan.pack, source.path(), ambiguous);
  if (!target && !ambiguous.empty()) {
    reporter.report(rules::kPlanPackMismatch.id, plan.pack.pointer, At::Value,
                    fmt::format("several packs named \"{}\" were found ({}), none in a folder above the plan: give "
                                "--pack DIR|BUNDLE",
                                *plan.pack, ambiguous));
  } else if (!target) {
    if (plan.pack)
      reporter.report(rules::kPlanPackMismatch.id, plan.pack.pointer, At::Value,
                      fmt::format("no pack named \"{}\" was found next to the plan, so it cannot be checked: name the "
                                  "pack's folder too, or give --pack DIR|BUNDLE",
                                  *plan.pack));
  } else {
    PlanInput in{plan, *target, reporter};
    for (const Rule* rule : all_rules())
      if (rule->check_plan) rule->check_plan(in);
  }
  // A secret literal's value is not echoed by the schema either.
  std::set<std::string> secret_pointers;
  for (const auto& d : result.diagnostics)
    if (d.rule == rules::kSecretLiteral.id) secret_pointers.insert(d.pointer);
  result.diagnostics.erase(std::remove_if(result.diagnostics.begin(), result.diagnostics.end(),
                                          [&](const Diagnostic& d) {
                                            return d.rule == rule_ids::kSchema && secret_pointers.count(d.pointer);
                                          }),
                           result.diagnostics.end());
  finish_findings(source, result, settings);
  mask_secret_lines(source, result.diagnostics, masked);
}

}  // namespace ipack
