#pragma once
/// `ipack diff OLD.install.yaml NEW.install.yaml`: what changes for the customer.

#include <string>

namespace ipack::cli {

/// Whether `path` names an install plan (NAME.install.yaml), which diff compares as plans.
bool is_plan_path(const std::string& path);

/// The process exit code: 0 (also when nothing changes), 3 when a plan cannot be read.
int diff_install_plans(const std::string& old_plan, const std::string& new_plan, const std::string& format,
                       const std::string& output);

}  // namespace ipack::cli
