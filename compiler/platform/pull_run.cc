#include "platform/pull_run.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "base/atomic_file.h"
#include "base/read_file.h"

namespace ipack {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr size_t kMaxExport = 64u << 20;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The exports already in the folder, by component id (their root element's componentId).
std::map<std::string, fs::path> exports_in(const fs::path& folder) {
  std::map<std::string, fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return out;
  static const std::regex id(R"re(componentId="([0-9A-Fa-f-]{36})")re");
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".xml") continue;
    auto text = read_file_capped(it->path(), kMaxExport);
    if (!text) continue;
    std::smatch m;
    std::string head = text->substr(0, 4096);
    if (std::regex_search(head, m, id)) out.emplace(lower(m[1]), it->path());
  }
  return out;
}

}  // namespace

PullOutcome pull_exports(const std::vector<PulledPackage>& packages, const fs::path& components, PlatformClient& client,
                         bool check, const ProgressLine& progress) {
  PullOutcome outcome;
  outcome.record = {{"components", json::array()}};
  std::vector<std::pair<std::string, std::string>> wanted;  // (id, version), in order, once each
  std::set<std::string> seen;
  for (const auto& p : packages) {
    const std::string what = fmt::format("PackagedComponent {} {}", p.component, p.package_version);
    auto found =
        client.query("PackagedComponent",
                     all_of({equals("componentId", p.component), equals("packageVersion", p.package_version)}), what);
    if (!found) return outcome.error = found.error(), outcome;
    if (found->empty()) {
      outcome.error = fmt::format("{}: the account holds no such packaged version", what);
      return outcome;
    }
    std::string package_id = (*found)[0].value("packageId", "");
    auto manifest =
        client.read({"GET", "/PackagedComponentManifest/" + package_id, "", std::nullopt,
                     fmt::format("PackagedComponentManifest of {} {}", p.component, p.package_version), ""});
    if (!manifest) return outcome.error = manifest.error(), outcome;
    for (const auto& c : manifest->value("componentInfo", json::array())) {
      std::string id = lower(c.value("id", ""));
      std::string version = c.contains("version")
                                ? (c["version"].is_string() ? c["version"].get<std::string>() : c["version"].dump())
                                : "";
      if (id.empty() || !seen.insert(id).second) continue;
      wanted.emplace_back(id, version);
    }
  }
  std::map<std::string, fs::path> existing = exports_in(components);
  for (const auto& [id, version] : wanted) {
    std::string key = version.empty() ? id : id + "~" + version;
    auto text =
        client.read_text({"GET", "/Component/" + key, "", std::nullopt, "Component " + key, "", "application/xml"});
    if (!text) return outcome.error = text.error(), outcome;
    auto at = existing.find(id);
    fs::path file = at != existing.end() ? at->second : components / (id + ".xml");
    auto current = read_file_capped(file, kMaxExport);
    bool changed = !current || *current != *text;
    outcome.record["components"].push_back(
        {{"id", id}, {"version", version}, {"file", file.string()}, {"changed", changed}});
    if (!changed) continue;
    outcome.differing.push_back(file.string());
    if (check) continue;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (Status wrote = write_file_atomically(file, *text); !wrote) {
      outcome.error = fmt::format("cannot write {}: {}", file.string(), wrote.error());
      return outcome;
    }
    if (progress) progress(fmt::format("wrote {} (version {})", file.string(), version));
  }
  return outcome;
}

}  // namespace ipack
