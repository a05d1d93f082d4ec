#include "platform/install_run.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/read_file.h"
#include "pack/pack_model.h"
#include "plan/platform_bodies.h"

namespace ipack {
namespace {

using nlohmann::json;

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

// The platform returns booleans and numbers as JSON strings in places ("false", "3").
std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}
bool truthy(const json& v) { return v.is_boolean() ? v.get<bool>() : text_of(v) == "true"; }

const json* find_by(const json& list, const char* key, const std::string& value) {
  if (!list.is_array()) return nullptr;
  for (const auto& e : list)
    if (e.is_object() && text_of(e.value(key, json())) == value) return &e;
  return nullptr;
}

// A current field holds the wanted one: same value (a secret: one is set), not left at its default.
bool field_holds(const json* current, const json& wanted) {
  if (!current) return false;
  if (truthy(current->value("useDefault", json(false)))) return false;
  if (wanted.value("usesEncryption", false)) return truthy(current->value("encryptedValueSet", json(false)));
  return text_of(current->value("value", json())) == text_of(wanted.value("value", json()));
}

// The part of a compiled EnvironmentExtensions body that the current extensions do not hold yet;
// `changed` counts its values.
json extensions_delta(const json& wanted, const json* current, size_t& changed) {
  json delta = wanted;
  changed = 0;
  const json none = json::array();
  auto current_list = [&](const char* group, const char* list) -> const json& {
    if (!current || !current->contains(group) || !(*current)[group].contains(list)) return none;
    return (*current)[group][list];
  };
  json& connections = delta["connections"]["connection"];
  json kept = json::array();
  for (auto& c : connections) {
    const json* cur = find_by(current_list("connections", "connection"), "id", c["id"].get<std::string>());
    json fields = json::array();
    for (const auto& f : c["field"])
      if (!field_holds(cur ? find_by(cur->value("field", json::array()), "id", f["id"].get<std::string>()) : nullptr,
                       f))
        fields.push_back(f);
    if (fields.empty()) continue;
    changed += fields.size();
    c["field"] = fields;
    kept.push_back(c);
  }
  connections = kept;
  json& properties = delta["processProperties"]["ProcessProperty"];
  kept = json::array();
  for (auto& p : properties) {
    const json* cur = find_by(current_list("processProperties", "ProcessProperty"), "id", p["id"].get<std::string>());
    json values = json::array();
    for (const auto& v : p["ProcessPropertyValue"])
      if (!field_holds(
              cur ? find_by(cur->value("ProcessPropertyValue", json::array()), "key", v["key"].get<std::string>())
                  : nullptr,
              v))
        values.push_back(v);
    if (values.empty()) continue;
    changed += values.size();
    p["ProcessPropertyValue"] = values;
    kept.push_back(p);
  }
  properties = kept;
  json& dynamic = delta["properties"]["property"];
  kept = json::array();
  for (const auto& p : dynamic) {
    const json* cur = find_by(current_list("properties", "property"), "name", p["name"].get<std::string>());
    if (cur && text_of(cur->value("value", json())) == text_of(p["value"])) continue;
    kept.push_back(p);
  }
  changed += kept.size();
  dynamic = kept;
  return delta;
}

// Schedules compare as the platform lists them: every field as text, "*" where left out.
json normal_schedules(const json& list) {
  json out = json::array();
  if (!list.is_array()) return out;
  for (const auto& s : list) {
    json n = json::object();
    for (const auto& name : schedule_field_names()) n[name] = s.contains(name) ? text_of(s[name]) : "*";
    out.push_back(n);
  }
  return out;
}

bool schedules_hold(const json& current, const json& wanted) {
  if (normal_schedules(current.value("Schedule", json::array())) != normal_schedules(wanted["Schedule"])) return false;
  bool current_retry = current.contains("Retry") && current["Retry"].is_object() &&
                       !text_of(current["Retry"].value("maxRetry", json())).empty();
  if (current_retry != wanted.contains("Retry")) return false;
  return !current_retry || text_of(current["Retry"]["maxRetry"]) == text_of(wanted["Retry"]["maxRetry"]);
}

struct Installer {
  const PlanModel& plan;
  const PackTarget& pack;
  PlatformClient& client;
  const InstallOptions& options;
  const ProgressLine& progress;
  json compiled;
  json record;
  std::map<std::string, std::string> environment_ids;
  std::map<std::string, std::vector<std::string>> atoms_of;  // environment id -> atom ids

  bool offline() const { return client.mode() == PlatformMode::kOffline; }
  void step(const std::string& line) {
    record["steps"].push_back(line);
    if (progress) progress(line);
  }

  Result<std::string> integration_pack_id() {
    if (offline()) return fmt::format("${{integrationPackId:{}}}", pack.name);
    // The platform knows the pack by its display name.
    const std::string what = "IntegrationPack " + in_quotes(pack.display_name);
    auto found = client.query("IntegrationPack", equals("name", pack.display_name), what);
    if (!found) return Error{found.error()};
    if (found->empty())
      return Error{
          fmt::format("{}: the account {} has no integration pack of that name; publish the pack and share it "
                      "with the account first",
                      what, plan.account.value_or(""))};
    return (*found)[0].value("id", std::string());
  }

  Result<std::string> environment_id(const std::string& name) {
    if (auto it = environment_ids.find(name); it != environment_ids.end()) return it->second;
    std::string id = fmt::format("${{environmentId:{}}}", name);
    if (!offline()) {
      auto found = client.query("Environment", equals("name", name), "Environment " + in_quotes(name));
      if (!found) return Error{found.error()};
      if (found->empty())
        return Error{fmt::format("Environment {}: the account {} has no environment of that name", in_quotes(name),
                                 plan.account.value_or(""))};
      id = (*found)[0].value("id", std::string());
    }
    environment_ids[name] = id;
    return id;
  }

  Result<std::vector<std::string>> atoms(const std::string& environment, const std::string& env_id) {
    if (auto it = atoms_of.find(env_id); it != atoms_of.end()) return it->second;
    std::vector<std::string> ids;
    if (offline()) {
      ids.push_back(fmt::format("${{atomId:{}}}", environment));
    } else {
      auto found = client.query("EnvironmentAtomAttachment", equals("environmentId", env_id),
                                "the runtimes attached to Environment " + in_quotes(environment));
      if (!found) return Error{found.error()};
      for (const auto& a : *found) ids.push_back(a.value("atomId", std::string()));
    }
    atoms_of[env_id] = ids;
    return ids;
  }

  const json* compiled_request(const char* object, const std::string& instance, const std::string& environment,
                               const std::string& process = "") {
    for (const auto& r : compiled["requests"])
      if (r["object"] == object && r["instance"] == instance && r.value("environment", "") == environment &&
          r.value("process", "") == process)
        return &r;
    return nullptr;
  }

  Status run() {
    compiled = compile_plan(plan, pack);
    record = {{"plan", plan.name.value_or("")},       {"pack", pack.name},          {"version", pack.version},
              {"account", plan.account.value_or("")}, {"instances", json::array()}, {"steps", json::array()}};
    auto pack_id = integration_pack_id();
    if (!pack_id) return Error{pack_id.error()};
    record["integrationPackId"] = *pack_id;
    // Every environment is resolved before anything is written: a misspelt one stops the run clean.
    for (const auto& i : plan.instances)
      for (const auto& env : i.environments)
        if (env)
          if (auto id = environment_id(*env); !id) return Error{id.error()};
    std::vector<json> installed;
    if (!offline()) {
      auto found = client.query("IntegrationPackInstance", equals("integrationPackId", *pack_id),
                                "the installed instances of " + in_quotes(pack.name));
      if (!found) return Error{found.error()};
      installed = std::move(found).take();
    }
    std::set<std::string> listed;
    for (const PlanInstance& i : plan.instances) {
      std::string label = i.name.value_or("");
      listed.insert(label);
      if (Status s = install_instance(i, label, *pack_id, installed); !s) return s;
    }
    if (options.prune)
      for (const auto& inst : installed) {
        std::string name = inst.value("integrationPackOverrideName", std::string());
        if (listed.count(pack.multi ? name : std::string())) continue;
        std::string what = fmt::format("IntegrationPackInstance {}", in_quotes(name.empty() ? pack.name : name));
        auto done = client.write(
            {"DELETE", "/IntegrationPackInstance/" + inst.value("id", std::string()), "", std::nullopt, what, ""});
        if (!done) return Error{done.error()};
        step("uninstalled " + what);
      }
    return {};
  }

  Status install_instance(const PlanInstance& i, const std::string& label, const std::string& pack_id,
                          const std::vector<json>& installed) {
    const std::string shown = label.empty() ? pack.name : label;
    const std::string what = "IntegrationPackInstance " + in_quotes(shown);
    json instance;
    for (const auto& inst : installed)
      if (!pack.multi || inst.value("integrationPackOverrideName", std::string()) == label) instance = inst;
    bool created = instance.is_null();
    if (created) {
      json body = {{"integrationPackId", pack_id}};
      if (pack.multi) body["integrationPackOverrideName"] = label;
      json assumed = {{"id", fmt::format("${{integrationPackInstanceId:{}}}", pack.multi ? label : pack.name)},
                      {"ProcessId", json::array()}};
      for (const auto& [id, process] : pack.processes)
        assumed["ProcessId"].push_back(
            {{"originalProcessId", id},
             {"wrapperProcessId", pack.multi ? fmt::format("${{wrapperProcessId:{}:{}}}", label, id) : id}});
      auto done = client.write({"POST", "/IntegrationPackInstance", "", body, what, ""}, assumed);
      if (!done) return Error{done.error()};
      instance = std::move(done).take();
      step("installed " + what);
    }
    const std::string instance_id = instance.value("id", std::string());
    record["instances"].push_back({{"name", shown}, {"id", instance_id}, {"created", created}});

    std::vector<json> attachments;
    if (!created && !offline()) {
      auto found = client.query("IntegrationPackEnvironmentAttachment",
                                equals("integrationPackInstanceId", instance_id), "the environments of " + what);
      if (!found) return Error{found.error()};
      attachments = std::move(found).take();
    }
    std::set<std::string> wanted_envs;
    for (const auto& env : i.environments) {
      if (!env) continue;
      const std::string env_id = environment_ids.at(*env);
      wanted_envs.insert(env_id);
      bool attached = false;
      for (const auto& a : attachments) attached |= a.value("environmentId", std::string()) == env_id;
      bool newly = false;
      if (!attached) {
        auto done = client.write({"POST", "/IntegrationPackEnvironmentAttachment", "",
                                  json{{"environmentId", env_id}, {"integrationPackInstanceId", instance_id}},
                                  fmt::format("{} in Environment {}", what, in_quotes(*env)), ""});
        if (!done) return Error{done.error()};
        step(fmt::format("attached {} to Environment {}", what, in_quotes(*env)));
        newly = true;
      }
      if (Status s = set_extensions(i, label, shown, instance_id, *env, env_id, newly || created); !s) return s;
      if (Status s = set_schedules(i, label, shown, instance, *env, env_id, newly || created); !s) return s;
    }
    if (options.prune)
      for (const auto& a : attachments) {
        std::string env_id = a.value("environmentId", std::string());
        if (wanted_envs.count(env_id)) continue;
        auto done = client.write({"DELETE", "/IntegrationPackEnvironmentAttachment/" + a.value("id", std::string()), "",
                                  std::nullopt, fmt::format("{} in environment {}", what, env_id), ""});
        if (!done) return Error{done.error()};
        step(fmt::format("detached {} from environment {}", what, env_id));
      }
    return {};
  }

  Status set_extensions(const PlanInstance&, const std::string& label, const std::string& shown,
                        const std::string& instance_id, const std::string& env, const std::string& env_id, bool fresh) {
    const json* request = compiled_request("EnvironmentExtensions", label, env);
    if (!request) return {};
    json wanted = (*request)["body"];
    const std::string what =
        fmt::format("EnvironmentExtensions of {} in Environment {}", in_quotes(shown), in_quotes(env));
    std::optional<json> current;
    bool assumed = offline() || (fresh && client.mode() == PlatformMode::kDryRun);
    if (!assumed) {
      json expression = equals("environmentId", env_id);
      if (pack.multi) expression = all_of({expression, equals("extensionGroupId", instance_id)});
      auto found = client.query("EnvironmentExtensions", expression, what);
      if (!found) return Error{found.error()};
      if (found->empty())
        return Error{fmt::format("{}: the platform holds none after the environment was attached", what)};
      current = (*found)[0];
    }
    size_t changed = 0;
    json body = extensions_delta(wanted, current ? &*current : nullptr, changed);
    if (changed == 0) return {};
    body["environmentId"] = env_id;
    if (current) {
      body["id"] = current->value("id", std::string());
      if (pack.multi) body["extensionGroupId"] = current->value("extensionGroupId", instance_id);
    } else if (pack.multi) {
      body["extensionGroupId"] = instance_id;
      body["id"] = fmt::format("${{environmentExtensionsId:{}:{}}}", label, env);
    } else {
      body["id"] = env_id;
    }
    auto done = client.write({"POST", "/EnvironmentExtensions/" + body["id"].get<std::string>(), "", body, what, ""});
    if (!done) return Error{done.error()};
    step(fmt::format("set {} ({} value{})", what, changed, changed == 1 ? "" : "s"));
    return {};
  }

  Status set_schedules(const PlanInstance& i, const std::string& label, const std::string& shown, const json& instance,
                       const std::string& env, const std::string& env_id, bool fresh) {
    for (const PlanSchedule& s : i.schedules) {
      if (!s.process) continue;
      std::string process = component_key(*s.process);
      const json* request = compiled_request("ProcessSchedules", label, env, process);
      if (!request) continue;
      const json& wanted = (*request)["body"];
      std::string process_id = process;
      const json processes = instance.value("ProcessId", json::array());
      if (const json* p = find_by(processes, "originalProcessId", process))
        if (p->contains("wrapperProcessId")) process_id = text_of((*p)["wrapperProcessId"]);
      auto runtimes = atoms(env, env_id);
      if (!runtimes) return Error{runtimes.error()};
      auto named = pack.processes.find(process);
      std::string process_name =
          named != pack.processes.end() && !named->second.name.empty() ? named->second.name : process;
      for (const std::string& atom : *runtimes) {
        const std::string what = fmt::format("ProcessSchedules of {} ({}) in Environment {}", in_quotes(process_name),
                                             shown, in_quotes(env));
        json body = {{"processId", process_id}, {"atomId", atom}, {"Schedule", wanted["Schedule"]}};
        if (wanted.contains("Retry")) body["Retry"] = wanted["Retry"];
        bool assumed = offline() || (fresh && client.mode() == PlatformMode::kDryRun);
        if (!assumed) {
          auto found =
              client.query("ProcessSchedules", all_of({equals("processId", process_id), equals("atomId", atom)}), what);
          if (!found) return Error{found.error()};
          if (found->empty()) return Error{fmt::format("{}: the platform holds none for runtime {}", what, atom)};
          if (schedules_hold((*found)[0], wanted)) continue;
          body["id"] = (*found)[0].value("id", std::string());
        } else {
          body["id"] = fmt::format("${{processSchedulesId:{}:{}}}", process_id, atom);
        }
        auto done = client.write({"POST", "/ProcessSchedules/" + body["id"].get<std::string>(), "", body, what, ""});
        if (!done) return Error{done.error()};
        step("set " + what);
      }
    }
    return {};
  }
};

}  // namespace

Result<json> install_plan(const PlanModel& plan, const PackTarget& pack, PlatformClient& client,
                          const InstallOptions& options, const ProgressLine& progress) {
  Installer installer{plan, pack, client, options, progress, json(), json(), {}, {}};
  if (Status s = installer.run(); !s) return Error{s.error()};
  return installer.record;
}

Result<std::string> read_secret_reference(const std::string& reference, const std::string& base_dir) {
  if (reference.rfind("env:", 0) == 0) {
    std::string name = reference.substr(4);
    const char* value = std::getenv(name.c_str());
    if (!value) return Error{fmt::format("the secret {{env: {}}} is not set in the environment", name)};
    return std::string(value);
  }
  if (reference.rfind("file:", 0) == 0) {
    std::filesystem::path path = reference.substr(5);
    if (path.is_relative() && !base_dir.empty()) path = std::filesystem::path(base_dir) / path;
    auto content = read_file_capped(path, 1 << 20);
    if (!content) return Error{fmt::format("the secret {{file: {}}} cannot be read", reference.substr(5))};
    std::string value = std::move(content).take();
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (!value.empty() && value.back() == '\r') value.pop_back();
    return value;
  }
  return Error{fmt::format("{} is not a secret reference", reference)};
}

}  // namespace ipack
