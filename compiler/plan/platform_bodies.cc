#include "plan/platform_bodies.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "plan/extension_kinds.h"

namespace ipack {
namespace {

using nlohmann::json;

std::string placeholder(std::string_view kind, std::string_view name) { return fmt::format("${{{}:{}}}", kind, name); }

// Where one kind's values go in an EnvironmentExtensions body, one row a kind.
struct ExtensionPlacement {
  std::string_view list;
  void (*place)(json& body, const std::vector<std::string>& identity, const json& field);
};

json& entry_with_id(json& list, const std::string& key, const std::string& id, const char* children) {
  for (auto& e : list)
    if (e[key] == id) return e;
  list.push_back({{key, id}, {children, json::array()}});
  return list.back();
}

const std::vector<ExtensionPlacement>& placements() {
  static const std::vector<ExtensionPlacement> rows = {
      {"connections",
       [](json& body, const std::vector<std::string>& id, const json& value) {
         json field = value;
         field["id"] = id[1];
         entry_with_id(body["connections"]["connection"], "id", id[0], "field")["field"].push_back(field);
       }},
      {"processProperties",
       [](json& body, const std::vector<std::string>& id, const json& value) {
         json v = value;
         v["key"] = id[1];
         entry_with_id(body["processProperties"]["ProcessProperty"], "id", id[0],
                       "ProcessPropertyValue")["ProcessPropertyValue"]
             .push_back(v);
       }},
      {"dynamicProcessProperties",
       [](json& body, const std::vector<std::string>& id, const json& value) {
         body["properties"]["property"].push_back({{"name", id[0]}, {"value", value["value"]}});
       }},
  };
  return rows;
}

json empty_extensions_body() {
  return {{"partial", true},
          {"connections", {{"connection", json::array()}}},
          {"operations", {{"operation", json::array()}}},
          {"processProperties", {{"ProcessProperty", json::array()}}},
          {"properties", {{"property", json::array()}}},
          {"tradingPartners", {{"tradingPartner", json::array()}}},
          {"sharedCommunications", {{"sharedCommunication", json::array()}}},
          {"crossReferences", {{"crossReference", json::array()}}},
          {"PGPCertificates", {{"PGPCertificate", json::array()}}}};
}

std::string instance_label(const PlanInstance& i) { return i.name ? *i.name : std::string(); }

}  // namespace

json compile_plan(const PlanModel& plan, const PackTarget& pack) {
  json requests = json::array();
  std::set<std::string> used;  // every placeholder, for the deploy step's list
  auto use = [&](std::string p) {
    used.insert(p);
    return p;
  };
  const std::string pack_id = use(placeholder("integrationPackId", pack.name));
  for (const PlanInstance& i : plan.instances) {
    const std::string label = instance_label(i);
    const std::string instance_key = pack.multi ? label : pack.name;
    json instance = {{"integrationPackId", pack_id}};
    if (pack.multi) instance["integrationPackOverrideName"] = label;
    requests.push_back({{"object", "IntegrationPackInstance"},
                        {"method", "POST"},
                        {"path", "/IntegrationPackInstance"},
                        {"instance", label},
                        {"body", instance}});
    const std::string instance_id = use(placeholder("integrationPackInstanceId", instance_key));

    for (const auto& env : i.environments) {
      if (!env) continue;
      const std::string environment_id = use(placeholder("environmentId", *env));
      requests.push_back({{"object", "IntegrationPackEnvironmentAttachment"},
                          {"method", "POST"},
                          {"path", "/IntegrationPackEnvironmentAttachment"},
                          {"instance", label},
                          {"environment", *env},
                          {"body", {{"environmentId", environment_id}, {"integrationPackInstanceId", instance_id}}}});

      json extensions = empty_extensions_body();
      extensions["environmentId"] = environment_id;
      std::string extensions_id = environment_id;
      if (pack.multi) {
        // A multi-install pack's values apply to the instance's extension group.
        extensions["extensionGroupId"] = use(placeholder("extensionGroupId", fmt::format("{}:{}", label, *env)));
        extensions_id = use(placeholder("environmentExtensionsId", fmt::format("{}:{}", label, *env)));
      }
      extensions["id"] = extensions_id;
      for (const ExtensionValue& v : i.extensions) {
        std::vector<std::string> identity = v.identity();
        const DeclaredExtension* declared = pack.find_extension(v.list, identity);
        if (!declared) continue;
        json field = {{"useDefault", false}};
        if (v.secret) {
          field["value"] = use(placeholder("secret", v.secret->describe()));
          if (v.list != "dynamicProcessProperties") field["usesEncryption"] = true;
        } else if (v.value) {
          field["value"] = *v.value;
        } else {
          continue;
        }
        for (const auto& row : placements())
          if (row.list == v.list) row.place(extensions, identity, field);
      }
      requests.push_back({{"object", "EnvironmentExtensions"},
                          {"method", "POST"},
                          {"path", fmt::format("/EnvironmentExtensions/{}", extensions_id)},
                          {"instance", label},
                          {"environment", *env},
                          {"body", extensions}});

      for (const PlanSchedule& s : i.schedules) {
        if (!s.process) continue;
        std::string process = component_key(*s.process);
        json schedule = json::object();
        for (const auto& f : s.fields) schedule[f.name] = f.text.value_or("*");
        std::string process_id =
            pack.multi ? use(placeholder("wrapperProcessId", fmt::format("{}:{}", label, process))) : process;
        std::string atom_id = use(placeholder("atomId", *env));
        json body = {{"processId", process_id}, {"atomId", atom_id}, {"Schedule", json::array({schedule})}};
        if (s.max_retry) body["Retry"] = {{"maxRetry", *s.max_retry}, {"Schedule", json::array()}};
        std::string schedules_key =
            pack.multi ? fmt::format("{}:{}:{}", label, process, *env) : fmt::format("{}:{}", process, *env);
        std::string schedules_id = use(placeholder("processSchedulesId", schedules_key));
        body["id"] = schedules_id;
        requests.push_back({{"object", "ProcessSchedules"},
                            {"method", "POST"},
                            {"path", fmt::format("/ProcessSchedules/{}", schedules_id)},
                            {"instance", label},
                            {"environment", *env},
                            {"process", process},
                            {"body", body}});
      }
    }
  }
  return {{"format", "ipack-install/1"}, {"plan", plan.name.value_or("")},       {"pack", pack.name},
          {"version", pack.version},     {"account", plan.account.value_or("")}, {"placeholders", used},
          {"requests", requests}};
}

}  // namespace ipack
