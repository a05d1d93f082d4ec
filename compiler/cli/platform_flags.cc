#include "cli/platform_flags.h"

#include <cstdlib>
#include <iostream>

#include <fmt/format.h>
#include <unistd.h>

namespace ipack::cli {

void add_platform_flags(CLI::App& cmd, PlatformFlags& f) {
  cmd.add_option("--api-url", f.api_url,
                 "The Platform API's base URL ({accountId} is replaced); default "
                 "https://api.boomi.com/api/rest/v1/{accountId}")
      ->type_name("URL");
  cmd.add_option("--timeout", f.timeout, "Seconds one request may take with its retries (default 300)")
      ->type_name("SECONDS")
      ->check(CLI::PositiveNumber);
  cmd.add_flag("--dry-run", f.dry_run, "Read the account, print the writes it would send, send none");
  cmd.add_flag("--offline", f.offline, "With --dry-run: assume an empty account and use no network at all");
  cmd.add_option("--format", f.format, "text or json")->check(CLI::IsMember({"text", "json"}))->type_name("FORMAT");
}

Result<std::unique_ptr<PlatformClient>> open_platform(const PlatformFlags& f, const std::string& account, bool& usage) {
  usage = false;
  if (f.offline && !f.dry_run) {
    usage = true;
    return Error{"--offline is for dry runs only: add --dry-run"};
  }
  PlatformSettings settings;
  settings.timeout_seconds = f.timeout;
  // For the tests: a shorter first backoff than a real account needs.
  if (const char* base = std::getenv("IPACK_PLATFORM_BACKOFF_SECONDS"); base && *base)
    settings.retry.base_seconds = std::max(0.0, std::atof(base));
  settings.mode = f.offline ? PlatformMode::kOffline : f.dry_run ? PlatformMode::kDryRun : PlatformMode::kLive;
  Credentials credentials;
  if (!f.offline) {
    auto found = credentials_from_environment();
    if (!found) return Error{found.error()};
    credentials = std::move(found).take();
  }
  std::string own = credentials.account_id.empty() ? account : credentials.account_id;
  if (!account.empty() && account != own) settings.override_account = account;
  settings.base_url = platform_base_url(f.api_url, own, !settings.override_account.empty());
  auto client = std::make_unique<PlatformClient>(settings, make_curl_transport(std::move(credentials)));
  client->on_retry([&f](const std::string& what, const std::string& reason, double seconds) {
    progress_line(f, fmt::format("{}: {}; trying again in {:.1f}s", what, reason, seconds));
  });
  return client;
}

void progress_line(const PlatformFlags& f, const std::string& line) {
  if (f.format != "text" || ::isatty(STDERR_FILENO) != 1) return;
  std::cerr << ("→ " + line + "\n");  // one write: pull's fetches report from several threads
}

std::string dry_run_text(const PlatformFlags& f, const nlohmann::json& writes, const std::string& account) {
  if (f.format == "json") return writes.dump(2) + "\n";
  std::string out = fmt::format("dry run{}: {} write{} would be sent to account {}; none was sent\n",
                                f.offline ? " (offline: an empty account assumed)" : "", writes.size(),
                                writes.size() == 1 ? "" : "s", account);
  for (const auto& w : writes) {
    std::string query;
    for (const auto& [k, v] : w["query"].items()) query += (query.empty() ? "?" : "&") + k + "=" + v.get<std::string>();
    out += fmt::format("{} {}{}\n", w["method"].get<std::string>(), w["path"].get<std::string>(), query);
    if (!w["body"].is_null()) out += "  " + w["body"].dump() + "\n";
  }
  return out;
}

}  // namespace ipack::cli
