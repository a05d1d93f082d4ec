#include "platform/pull_run.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "base/atomic_file.h"
#include "base/read_file.h"

namespace ipack {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr size_t kMaxExport = 64u << 20;
constexpr size_t kIdWithin = 4096;  // bytes of an export searched for its componentId
// Exports fetched at once. The Platform API limits each account to a few calls a second
// (answering 429 beyond, which the client retries after the wait it names): four connections
// keep pull within that while a slow answer no longer holds up the rest.
constexpr size_t kPullConnections = 4;

// What became of one export: fetched and compared, perhaps written.
struct Fetched {
  bool done = false;
  bool changed = false;
  std::string file;
  std::string error;
};

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
    // The root element's componentId is near the start: read one chunk, not the whole export.
    auto text = read_file_capped(it->path(), kIdWithin);
    if (!text) continue;
    std::smatch m;
    std::string head = text->substr(0, kIdWithin);
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
  const std::map<std::string, fs::path> existing = exports_in(components);
  // Fetched on a few connections at once, each export written as it arrives (to its own file);
  // the record and the list of differing files are then made in the manifests' order, so the
  // output is the same whatever order the answers came in. The first failure stops the fetching.
  std::vector<Fetched> fetched(wanted.size());
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex progress_mutex;
  auto fetch = [&] {
    for (size_t i = next++; i < wanted.size() && !failed; i = next++) {
      const auto& [id, version] = wanted[i];
      Fetched& f = fetched[i];
      std::string key = version.empty() ? id : id + "~" + version;
      auto text =
          client.read_text({"GET", "/Component/" + key, "", std::nullopt, "Component " + key, "", "application/xml"});
      if (!text) {
        f.error = text.error();
        failed = true;
        return;
      }
      auto at = existing.find(id);
      fs::path file = at != existing.end() ? at->second : components / (id + ".xml");
      f.file = file.string();
      auto current = read_file_capped(file, kMaxExport);
      f.changed = !current || *current != *text;
      if (f.changed && !check) {
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
        if (Status wrote = write_file_atomically(file, *text); !wrote) {
          f.error = fmt::format("cannot write {}: {}", f.file, wrote.error());
          failed = true;
          return;
        }
        if (progress) {
          std::lock_guard<std::mutex> lock(progress_mutex);
          progress(fmt::format("wrote {} (version {})", f.file, version));
        }
      }
      f.done = true;
    }
  };
  std::vector<std::thread> pool;
  size_t connections = std::min(kPullConnections, wanted.size());
  for (size_t t = 1; t < connections; ++t) pool.emplace_back(fetch);
  fetch();
  for (auto& t : pool) t.join();

  for (size_t i = 0; i < wanted.size(); ++i) {
    const Fetched& f = fetched[i];
    if (!f.error.empty()) return outcome.error = f.error, outcome;
    if (!f.done) continue;  // not fetched: another export failed first
    outcome.record["components"].push_back(
        {{"id", wanted[i].first}, {"version", wanted[i].second}, {"file", f.file}, {"changed", f.changed}});
    if (f.changed) outcome.differing.push_back(f.file);
  }
  return outcome;
}

}  // namespace ipack
