// `ipack install PLAN --bundle B --key PUB`: checks the plan against the verified bundle, then
// applies it to the account it names (platform/install_run.h).
#include <iostream>

#include <fmt/format.h>

#include "cli/build_plan.h"
#include "cli/commands.h"
#include "cli/platform_flags.h"
#include "platform/install_run.h"

namespace ipack::cli {
namespace {

struct InstallFlags {
  PlanBuildFlags plan;
  PlatformFlags platform;
  bool prune = false;
};

int run(InstallFlags& f) {
  f.plan.bundle_flag = "--bundle";
  if (f.platform.offline && !f.platform.dry_run) {
    print_error("--offline is for dry runs only: add --dry-run");
    return kUsage;
  }
  std::optional<CheckedPlan> checked;
  if (int code = check_plan_for_bundle(f.plan, "installed", checked); code != kOk) return code;
  const std::string account = checked->plan.account.value_or("");
  bool usage = false;
  auto client = open_platform(f.platform, account, usage);
  if (!client) {
    print_error(client.error());
    return usage ? kUsage : kCannotWork;
  }
  // A relative {file: PATH} is read from the current directory, as the deploy step runs.
  (*client)->set_secret_resolver([](const std::string& reference) { return read_secret_reference(reference, ""); });
  InstallOptions options{f.prune};
  auto done = install_plan(checked->plan, checked->pack, **client, options,
                           [&f](const std::string& line) { progress_line(f.platform, line); });
  if (!done) {
    print_error(done.error());
    if (!f.platform.dry_run && !(*client)->writes().empty())
      std::cerr << fmt::format("ipack: {} write(s) were sent before this; run the install again to finish it\n",
                               (*client)->writes().size());
    return kCannotWork;
  }
  const nlohmann::json& writes = (*client)->writes();
  if (f.platform.dry_run) {
    std::cout << dry_run_text(f.platform, writes, account);
    return kOk;
  }
  nlohmann::json record = std::move(done).take();
  if (f.platform.format == "json") {
    record["requests"] = writes;
    std::cout << record.dump(2) << "\n";
    return kOk;
  }
  for (const auto& step : record["steps"]) std::cout << step.get<std::string>() << "\n";
  std::cout << fmt::format("{} {} {} in account {}: {}\n", record["plan"].get<std::string>(), checked->pack.name,
                           checked->pack.version, account,
                           writes.empty()
                               ? "already as planned, nothing sent"
                               : fmt::format("{} change{} sent", writes.size(), writes.size() == 1 ? "" : "s"));
  return kOk;
}

}  // namespace

void add_install_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<InstallFlags>();
  CLI::App* cmd = app.add_subcommand("install", "Verify, then apply an install plan to the account it names");
  cmd->add_option("plan", flags->plan.plan, "The install plan (kind InstallPlan)")->required()->type_name("PLAN");
  cmd->add_option("--bundle", flags->plan.bundle, "The pack's bundle the plan installs")
      ->required()
      ->type_name("BUNDLE");
  auto* key = cmd->add_option("--key", flags->plan.key, "The publisher's public key (SPKI PEM)")->type_name("PUB");
  auto* ring =
      cmd->add_option("--keyring", flags->plan.keyring, "A folder of trusted *.pub.pem keys")->type_name("DIR");
  key->excludes(ring);
  cmd->add_option("--config", flags->plan.config, "Use this config instead of looking one up")->type_name("FILE");
  cmd->add_flag("--prune", flags->prune, "Detach environments and uninstall instances the plan no longer lists");
  add_platform_flags(*cmd, flags->platform);
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
