#pragma once
/// `ipack build PLAN --pack BUNDLE -o DIR`: an install plan, checked against a bundle that
/// verifies, compiled into the Platform API requests a deploy step sends.

#include <string>

namespace ipack::cli {

struct PlanBuildFlags {
  std::string plan;
  std::string bundle;
  std::string output;
  std::string key;      ///< the public key the bundle must verify against
  std::string keyring;  ///< or a folder of them
  std::string config;
};

/// The process exit code.
int build_install_plan(const PlanBuildFlags& flags);

}  // namespace ipack::cli
