#include "plan/plan_diff.h"

#include <map>

#include <fmt/format.h>

#include "plan/extension_kinds.h"

namespace ipack {
namespace {

using nlohmann::json;

// Instances are matched by name; a single pack's one unnamed instance matches its successor.
std::string key_of(const PlanInstance& i) { return i.name ? *i.name : std::string(); }

std::string label_of(const std::string& key) {
  return key.empty() ? "the instance" : fmt::format("instance \"{}\"", key);
}

// What an extension entry sets, without its value: "value", "secret env:NAME" or "nothing".
std::string setting_of(const ExtensionValue& v) {
  if (v.secret) return "secret " + v.secret->describe();
  if (v.value.present) return "value";
  return "nothing";
}

void diff_extensions(const PlanInstance& a, const PlanInstance& b, json& changes) {
  std::map<std::pair<std::string, std::vector<std::string>>, const ExtensionValue*> old_values, new_values;
  for (const auto& v : a.extensions) old_values[{v.list, v.identity()}] = &v;
  for (const auto& v : b.extensions) new_values[{v.list, v.identity()}] = &v;
  for (const auto& [key, v] : new_values) {
    std::string what = describe_extension(key.first, key.second);
    auto old = old_values.find(key);
    if (old == old_values.end()) {
      changes.push_back(fmt::format("sets the {} ({})", what, setting_of(*v)));
      continue;
    }
    const ExtensionValue& o = *old->second;
    std::string before = setting_of(o), after = setting_of(*v);
    if (before != after)
      changes.push_back(fmt::format("changes the {}: {} → {}", what, before, after));
    else if (!v->secret && o.value.value != v->value.value)
      changes.push_back(fmt::format("changes the {}'s value", what));
  }
  for (const auto& [key, v] : old_values)
    if (!new_values.count(key))
      changes.push_back(
          fmt::format("clears the {} (back to the pack's default)", describe_extension(key.first, key.second)));
}

std::string schedule_text(const PlanSchedule& s) {
  std::string out;
  for (const auto& f : s.fields) out += (out.empty() ? "" : " ") + f.text.value_or("*");
  if (s.max_retry) out += fmt::format(", maxRetry {}", *s.max_retry);
  return out;
}

void diff_schedules(const PlanInstance& a, const PlanInstance& b, json& changes) {
  std::map<std::string, std::string> old_s, new_s;
  for (const auto& s : a.schedules)
    if (s.process) old_s[component_key(*s.process)] = schedule_text(s);
  for (const auto& s : b.schedules)
    if (s.process) new_s[component_key(*s.process)] = schedule_text(s);
  for (const auto& [process, text] : new_s) {
    auto old = old_s.find(process);
    if (old == old_s.end())
      changes.push_back(fmt::format("schedules process {}: {}", process, text));
    else if (old->second != text)
      changes.push_back(fmt::format("reschedules process {}: {} → {}", process, old->second, text));
  }
  for (const auto& [process, text] : old_s)
    if (!new_s.count(process)) changes.push_back(fmt::format("unschedules process {} (was {})", process, text));
}

json changes_of(const PlanInstance& a, const PlanInstance& b) {
  json changes = json::array();
  std::map<std::string, bool> old_env, new_env;
  for (const auto& e : a.environments)
    if (e) old_env[*e] = true;
  for (const auto& e : b.environments)
    if (e) new_env[*e] = true;
  for (const auto& [e, _] : new_env)
    if (!old_env.count(e)) changes.push_back(fmt::format("attaches environment {}", e));
  for (const auto& [e, _] : old_env)
    if (!new_env.count(e)) changes.push_back(fmt::format("detaches environment {}", e));
  diff_extensions(a, b, changes);
  diff_schedules(a, b, changes);
  return changes;
}

}  // namespace

json diff_plans(const PlanModel& a, const PlanModel& b) {
  json out = {{"plan", b.name.value_or(a.name.value_or(""))}, {"instances", json::array()}};
  auto compare = [&](const char* key, const Field<std::string>& x, const Field<std::string>& y) {
    if (x.value != y.value) out[key] = {{"old", x.value_or("")}, {"new", y.value_or("")}};
  };
  compare("pack", a.pack, b.pack);
  compare("version", a.version, b.version);
  compare("account", a.account, b.account);
  std::map<std::string, const PlanInstance*> old_i, new_i;
  for (const auto& i : a.instances) old_i.emplace(key_of(i), &i);
  for (const auto& i : b.instances) new_i.emplace(key_of(i), &i);
  static const PlanInstance none;
  for (const auto& [key, i] : new_i) {
    auto old = old_i.find(key);
    json changes = changes_of(old == old_i.end() ? none : *old->second, *i);
    if (old == old_i.end())
      out["instances"].push_back({{"instance", key}, {"change", "added"}, {"changes", changes}});
    else if (!changes.empty())
      out["instances"].push_back({{"instance", key}, {"change", "changed"}, {"changes", changes}});
  }
  for (const auto& [key, i] : old_i)
    if (!new_i.count(key))
      out["instances"].push_back({{"instance", key}, {"change", "removed"}, {"changes", json::array()}});
  return out;
}

std::string render_plan_diff(const json& diff) {
  std::string out;
  for (const char* key : {"pack", "version", "account"})
    if (diff.contains(key))
      out +=
          fmt::format("{}: {} → {}\n", key, diff[key]["old"].get<std::string>(), diff[key]["new"].get<std::string>());
  for (const auto& i : diff["instances"]) {
    std::string label = label_of(i["instance"].get<std::string>());
    std::string change = i["change"].get<std::string>();
    if (change == "added")
      out += fmt::format("+ installs {}\n", label);
    else if (change == "removed")
      out += fmt::format("- uninstalls {}\n", label);
    else
      out += fmt::format("~ {}\n", label);
    for (const auto& c : i["changes"]) out += "    " + c.get<std::string>() + "\n";
  }
  return out.empty() ? "no changes\n" : out;
}

}  // namespace ipack
