#pragma once
/// `ipack install`: applies a checked install plan to the account it names. Reads the account's
/// state first (the integration pack, environments, installed instances and their attachments,
/// extensions and schedules) and sends only what differs, so a second run sends nothing and a
/// run stopped half way can be repeated. The requests' bodies are the ones the plan compiles to
/// (plan/platform_bodies.h), with the platform's ids in place of the placeholders.

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "plan/pack_target.h"
#include "plan/plan_model.h"
#include "platform/platform_client.h"

namespace ipack {

struct InstallOptions {
  bool prune = false;  ///< detach environments and uninstall instances the plan does not list
};

/// One line per step (`"created IntegrationPackInstance 'EU Sales'"`), for a progress display.
using ProgressLine = std::function<void(const std::string&)>;

/// The plan must have been checked against `pack` with no error. Returns what was done (or, on
/// a dry run, would be): `{"plan", "pack", "version", "account", "integrationPackId",
/// "instances": [{"name", "id", "created"}], "steps": [line...]}`; the writes are the client's.
Result<nlohmann::json> install_plan(const PlanModel& plan, const PackTarget& pack, PlatformClient& client,
                                    const InstallOptions& options, const ProgressLine& progress);

/// Reads a secret reference ("env:NAME" or "file:PATH"; a relative PATH from `base_dir`, or from
/// the current directory when that is empty) for
/// sending: the variable's value, or the file's content without its final newline. Never puts
/// the value in an error.
Result<std::string> read_secret_reference(const std::string& reference, const std::string& base_dir);

}  // namespace ipack
