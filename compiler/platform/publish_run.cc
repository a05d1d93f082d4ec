#include "platform/publish_run.h"

#include <map>
#include <set>

#include <fmt/format.h>

namespace ipack {
namespace {

using nlohmann::json;

std::string text_of(const json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump(); }

struct Package {
  std::string component, name, type, package_version, notes;
  std::string component_version;  ///< the root component's version in the bundle's closure
};

std::vector<Package> packages_of(const json& pack_json) {
  std::vector<Package> out;
  for (const auto& p : pack_json.value("packages", json::array())) {
    Package pk{p.value("component", ""),      p.value("name", ""),  p.value("type", ""),
               p.value("packageVersion", ""), p.value("notes", ""), ""};
    if (p.contains("closure"))
      for (const auto& c : p["closure"].value("components", json::array()))
        if (c.value("id", "") == pk.component) pk.component_version = text_of(c.value("version", json()));
    out.push_back(pk);
  }
  return out;
}

struct Publisher {
  const json& pack_json;
  PlatformClient& client;
  const ProgressLine& progress;
  PublishOutcome outcome;

  bool offline() const { return client.mode() == PlatformMode::kOffline; }
  void step(const std::string& line) {
    outcome.record["steps"].push_back(line);
    if (progress) progress(line);
  }

  // Packaged components: reuse the account's when it holds the same version of the component.
  bool package(const Package& p) {
    const std::string what =
        fmt::format("PackagedComponent {} {}", p.name.empty() ? p.component : "'" + p.name + "'", p.package_version);
    auto found =
        client.query("PackagedComponent",
                     all_of({equals("componentId", p.component), equals("packageVersion", p.package_version)}), what);
    if (!found) {
      outcome.error = found.error();
      return false;
    }
    for (const auto& existing : *found) {
      if (existing.contains("deleted") && text_of(existing["deleted"]) == "true") continue;
      std::string version = text_of(existing.value("componentVersion", json()));
      if (!p.component_version.empty() && version != p.component_version) {
        outcome.refused = fmt::format(
            "{}: the account already holds packageVersion {} of component {} at component version {}, and the "
            "bundle holds version {}; a packageVersion is immutable: give the package a new packageVersion",
            what, p.package_version, p.component, version, p.component_version);
        return false;
      }
      outcome.record["packages"].push_back({{"component", p.component},
                                            {"packageVersion", p.package_version},
                                            {"packageId", text_of(existing.value("packageId", json()))},
                                            {"created", false}});
      return true;
    }
    json body = {{"componentId", p.component}, {"packageVersion", p.package_version}, {"shareable", true}};
    if (!p.component_version.empty() && p.component_version.find_first_not_of("0123456789") == std::string::npos)
      body["componentVersion"] = std::stoll(p.component_version);
    if (!p.notes.empty()) body["notes"] = p.notes;
    auto made = client.write({"POST", "/PackagedComponent", "", body, what, ""},
                             json{{"packageId", fmt::format("${{packageId:{}:{}}}", p.component, p.package_version)}});
    if (!made) {
      outcome.error = made.error();
      return false;
    }
    outcome.record["packages"].push_back({{"component", p.component},
                                          {"packageVersion", p.package_version},
                                          {"packageId", text_of(made->value("packageId", json()))},
                                          {"created", true}});
    step("created " + what);
    return true;
  }

  bool run() {
    const json& metadata = pack_json["metadata"];
    const std::string name = metadata.value("displayName", metadata.value("name", ""));
    const std::string type = pack_json["spec"].value("installation", "single") == "multi" ? "MULTI" : "SINGLE";
    outcome.record = {{"pack", metadata.value("name", "")},
                      {"version", metadata.value("version", "")},
                      {"packages", json::array()},
                      {"steps", json::array()},
                      {"released", false}};
    std::vector<Package> packages = packages_of(pack_json);
    for (const auto& p : packages)
      if (!package(p)) return false;

    const std::string what = fmt::format("PublisherIntegrationPack '{}'", name);
    auto found = client.query("PublisherIntegrationPack", equals("name", name), what);
    if (!found) {
      outcome.error = found.error();
      return false;
    }
    json current = found->empty() ? json() : (*found)[0];
    std::set<std::string> wanted, held;
    for (const auto& p : packages) wanted.insert(p.component);
    std::map<std::string, std::string> released;  // component -> its current (released) packageVersion
    if (!current.is_null())
      for (const auto& c : current.value("PublisherPackagedComponents", json::object())
                               .value("PublisherPackagedComponent", json::array())) {
        held.insert(c.value("componentId", ""));
        released[c.value("componentId", "")] = text_of(c.value("currentVersion", json()));
      }
    auto list_of = [](const std::vector<std::string>& ids) {
      json list = json::array();
      for (const auto& id : ids) list.push_back({{"componentId", id}});
      return json{{"PublisherPackagedComponent", list}};
    };
    std::string pack_id;
    if (current.is_null()) {
      std::vector<std::string> ids(wanted.begin(), wanted.end());
      json body = {{"name", name},
                   {"Description", metadata.value("description", "")},
                   {"installationType", type},
                   {"PublisherPackagedComponents", list_of(ids)}};
      auto made = client.write({"POST", "/PublisherIntegrationPack", "", body, what, ""},
                               json{{"id", fmt::format("${{publisherIntegrationPackId:{}}}", name)}});
      if (!made) {
        outcome.error = made.error();
        return false;
      }
      pack_id = text_of(made->value("id", json()));
      step("created " + what);
    } else {
      pack_id = text_of(current.value("id", json()));
      std::vector<std::string> add, remove;
      for (const auto& id : wanted)
        if (!held.count(id)) add.push_back(id);
      for (const auto& id : held)
        if (!wanted.count(id)) remove.push_back(id);
      for (const auto& [operation, ids] : {std::pair{"ADD", add}, std::pair{"DELETE", remove}}) {
        if (ids.empty()) continue;
        json body = {{"id", pack_id},
                     {"name", name},
                     {"Description", metadata.value("description", "")},
                     {"installationType", type},
                     {"operationType", operation},
                     {"PublisherPackagedComponents", list_of(ids)}};
        auto done = client.write({"POST", "/PublisherIntegrationPack/" + pack_id, "", body, what, ""}, current);
        if (!done) {
          outcome.error = done.error();
          return false;
        }
        step(fmt::format("{} {} package{} {} {}", operation == std::string("ADD") ? "added" : "deleted", ids.size(),
                         ids.size() == 1 ? "" : "s", operation == std::string("ADD") ? "to" : "from", what));
      }
    }
    outcome.record["integrationPackId"] = pack_id;

    bool up_to_date = !current.is_null();
    for (const auto& p : packages)
      if (released[p.component] != p.package_version) up_to_date = false;
    if (up_to_date && held.size() == wanted.size()) return true;
    return release(pack_id, name, type, packages);
  }

  bool release(const std::string& pack_id, const std::string& name, const std::string& type,
               const std::vector<Package>& packages) {
    const json& schedule = pack_json["spec"].value("release", json::object());
    json list = json::array();
    for (const auto& p : packages) list.push_back({{"componentId", p.component}, {"version", p.package_version}});
    json body = {{"id", pack_id},
                 {"name", name},
                 {"installationType", type},
                 {"releaseSchedule", "IMMEDIATELY"},
                 {"ReleasePackagedComponents", {{"ReleasePackagedComponent", list}}}};
    if (schedule.value("schedule", "immediate") == "on-date") {
      body["releaseSchedule"] = "RELEASE_ON_SPECIFIED_DATE";
      body["releaseOnDate"] = schedule.value("date", "");
    }
    const std::string what = fmt::format("ReleaseIntegrationPack '{}'", name);
    auto made = client.write({"POST", "/ReleaseIntegrationPack", "", body, what, ""},
                             json{{"requestId", fmt::format("${{requestId:{}}}", name)}});
    if (!made) {
      outcome.error = made.error();
      return false;
    }
    outcome.record["released"] = true;
    if (client.mode() != PlatformMode::kLive) {
      step("released " + std::string(body["releaseSchedule"]) + " (dry run)");
      return true;
    }
    const std::string request = text_of(made->value("requestId", json()));
    const std::string status_what = fmt::format("ReleaseIntegrationPackStatus {}", request);
    for (int poll = 0;; ++poll) {
      auto status = client.read({"GET", "/ReleaseIntegrationPackStatus/" + request, "", std::nullopt, status_what, ""});
      if (!status) {
        outcome.error = status.error();
        return false;
      }
      std::string state = text_of(status->value("releaseStatus", json()));
      if (state == "SUCCESS" || state == "SCHEDULED") {
        step(fmt::format("released {} {} ({})", name, outcome.record["version"].get<std::string>(), state));
        return true;
      }
      if (state != "IN_PROGRESS" || poll >= 600) {
        outcome.error =
            fmt::format("{}: the release ended {}", status_what, state.empty() ? "without a status" : state);
        return false;
      }
      client.pause(std::min(0.25 * (poll + 1), 5.0));
    }
  }
};

}  // namespace

PublishOutcome publish_pack(const json& pack_json, PlatformClient& client, const ProgressLine& progress) {
  Publisher publisher{pack_json, client, progress, {}};
  publisher.run();
  return publisher.outcome;
}

}  // namespace ipack
