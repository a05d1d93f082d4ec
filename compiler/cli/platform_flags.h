#pragma once
/// The flags `pull`, `publish` and `install` share, and what they make: a Platform API client
/// (credentials from the environment only), the progress display and the printout of a dry run.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "base/result.h"
#include "platform/platform_client.h"

namespace ipack::cli {

struct PlatformFlags {
  std::string api_url;
  double timeout = 300;
  bool dry_run = false;
  bool offline = false;
  std::string format = "text";
};

void add_platform_flags(CLI::App& cmd, PlatformFlags& flags);

/// A client for `account` (the Partner API's overrideAccount when it is not the credentials'
/// own account). Offline needs no credentials. An error says what is missing (exit 3), or that
/// the flags do not fit together (`usage` is set then: exit 2).
Result<std::unique_ptr<PlatformClient>> open_platform(const PlatformFlags& flags, const std::string& account,
                                                      bool& usage);

/// "→ …" progress on standard error, only when it is a terminal and the format is text.
void progress_line(const PlatformFlags& flags, const std::string& line);

/// A dry run's writes: text (one `METHOD PATH` line each, its body on one line below) or the
/// JSON array of `{"method", "path", "query", "body"}`, after a first line that says nothing was sent.
std::string dry_run_text(const PlatformFlags& flags, const nlohmann::json& writes, const std::string& account);

}  // namespace ipack::cli
