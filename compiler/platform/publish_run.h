#pragma once
/// `ipack publish`: puts a verified bundle's pack on the platform. Creates the packaged
/// components the bundle names that the account does not hold yet (shareable, with their
/// packageVersion), refusing a packageVersion the account already holds with other content (a
/// packageVersion is immutable); creates or updates the PublisherIntegrationPack (an update adds
/// and deletes packages with `operationType` ADD / DELETE); releases the pack (at once, or on the
/// pack's release date) and waits for the release's status. Reads first and sends only what
/// differs: a second run sends nothing.

#include <string>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "platform/install_run.h"
#include "platform/platform_client.h"

namespace ipack {

/// How a publish ended: `refused` is set when the account holds a packageVersion with other
/// content (a finding: exit 1), else `error` when the platform could not do it.
struct PublishOutcome {
  nlohmann::json record;  ///< {"pack", "version", "integrationPackId", "packages": [...], "released", "steps"}
  std::string refused;
  std::string error;
};

/// `pack_json` is a verified bundle's pack.json.
PublishOutcome publish_pack(const nlohmann::json& pack_json, PlatformClient& client, const ProgressLine& progress);

}  // namespace ipack
