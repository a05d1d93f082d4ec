#pragma once
/// `ipack pull`: fetches the component exports of a pack's packages from the account, at the
/// versions the account packaged them (PackagedComponent, PackagedComponentManifest, then
/// `Component/{id}~{version}`), and writes each where the pack keeps it: over the existing export
/// of that component, or as `<components>/<id>.xml`. Each file is written atomically, and only
/// when it differs. With `check`, nothing is written and the differing files are listed. The
/// exports are fetched on a few connections at once; the outcome lists them in the packages'
/// manifests' order whatever order the answers came in.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/install_run.h"
#include "platform/platform_client.h"

namespace ipack {

struct PulledPackage {
  std::string component;
  std::string package_version;
};

struct PullOutcome {
  nlohmann::json record;               ///< {"components": [{"id", "version", "file", "changed"}]}
  std::vector<std::string> differing;  ///< files that differ from the account's (written, or with check, not)
  std::string error;
};

PullOutcome pull_exports(const std::vector<PulledPackage>& packages, const std::filesystem::path& components,
                         PlatformClient& client, bool check, const ProgressLine& progress);

}  // namespace ipack
