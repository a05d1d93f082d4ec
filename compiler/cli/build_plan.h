#pragma once
/// `ipack build PLAN --pack BUNDLE -o DIR`: an install plan, checked against a bundle that
/// verifies, compiled into the Platform API requests a deploy step sends.

#include <optional>
#include <string>

#include "plan/pack_target.h"
#include "plan/plan_model.h"

namespace ipack::cli {

struct PlanBuildFlags {
  std::string plan;
  std::string bundle;
  std::string output;
  std::string key;      ///< the public key the bundle must verify against
  std::string keyring;  ///< or a folder of them
  std::string config;
  std::string bundle_flag = "--pack";  ///< how the command names the bundle, for messages
};

struct CheckedPlan {
  PlanModel plan;
  PackTarget pack;
};

/// Checks the plan against the bundle, which must verify, printing any findings: kOk with `out`
/// set, or the exit code. `verb` says what the plan is for ("built", "installed").
int check_plan_for_bundle(const PlanBuildFlags& flags, const std::string& verb, std::optional<CheckedPlan>& out);

/// The process exit code.
int build_install_plan(const PlanBuildFlags& flags);

}  // namespace ipack::cli
