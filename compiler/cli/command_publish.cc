// `ipack publish BUNDLE --key PUB`: verifies the bundle, then packages, publishes and releases
// its pack on the platform (platform/publish_run.h).
#include <iostream>

#include <fmt/format.h>

#include "bundle/bundle_reader.h"
#include "cli/commands.h"
#include "cli/platform_flags.h"
#include "cli/public_keys.h"
#include "platform/publish_run.h"

namespace ipack::cli {
namespace {

namespace fs = std::filesystem;

struct PublishFlags {
  std::string bundle, key, keyring;
  PlatformFlags platform;
};

int run(const PublishFlags& f) {
  if (f.key.empty() && f.keyring.empty()) {
    print_error("publish sends only a bundle that verifies: give the signer's public key, --key PUB or --keyring DIR");
    return kUsage;
  }
  if (f.platform.offline && !f.platform.dry_run) {
    print_error("--offline is for dry runs only: add --dry-run");
    return kUsage;
  }
  auto keys = load_public_keys(f.key, f.keyring);
  if (!keys) {
    print_error(keys.error());
    return kCannotWork;
  }
  auto named = read_named_bundle(f.bundle);
  if (!named) return kCannotWork;
  auto& contents = *named;
  if (!contents) {
    std::cerr << fmt::format("ipack: {} is not verified: {}; nothing was published\n", f.bundle, contents.error());
    return kFindings;
  }
  if (auto verified = verify_bundle(*contents, *keys, false); !verified) {
    std::cerr << fmt::format("ipack: {} is not verified: {}; nothing was published\n", f.bundle, verified.error());
    return kFindings;
  }
  if (contents->pack["spec"].value("deployment", "packaged") != "packaged") {
    print_error(fmt::format("{}: publish handles packaged packs (deployment: packaged) only", f.bundle));
    return kCannotWork;
  }
  bool usage = false;
  auto client = open_platform(f.platform, "", usage);
  if (!client) {
    print_error(client.error());
    return usage ? kUsage : kCannotWork;
  }
  PublishOutcome done =
      publish_pack(contents->pack, **client, [&f](const std::string& line) { progress_line(f.platform, line); });
  const nlohmann::json& writes = (*client)->writes();
  if (!done.refused.empty() || !done.error.empty()) {
    print_error(done.refused.empty() ? done.error : done.refused);
    if (!f.platform.dry_run && !writes.empty())
      std::cerr << fmt::format("ipack: {} write(s) were sent before this; run publish again to finish it\n",
                               writes.size());
    return done.refused.empty() ? kCannotWork : kFindings;
  }
  std::string account = f.platform.offline ? "(offline)" : (*client)->settings().base_url;
  if (f.platform.dry_run) {
    std::cout << dry_run_text(f.platform, writes, account.substr(account.rfind('/') + 1));
    return kOk;
  }
  if (f.platform.format == "json") {
    done.record["requests"] = writes;
    std::cout << done.record.dump(2) << "\n";
    return kOk;
  }
  for (const auto& step : done.record["steps"]) std::cout << step.get<std::string>() << "\n";
  std::cout << fmt::format(
      "{} {}: {}\n", done.record["pack"].get<std::string>(), done.record["version"].get<std::string>(),
      writes.empty() ? "already published and released, nothing sent"
                     : fmt::format("{} change{} sent", writes.size(), writes.size() == 1 ? "" : "s"));
  return kOk;
}

}  // namespace

void add_publish_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<PublishFlags>();
  CLI::App* cmd =
      app.add_subcommand("publish", "Verify, then package, publish and release a bundle's pack on the platform");
  cmd->add_option("bundle", flags->bundle, "The .ipack file")->required()->type_name("BUNDLE");
  auto* key = cmd->add_option("--key", flags->key, "The signer's public key (SPKI PEM)")->type_name("PUB");
  auto* ring = cmd->add_option("--keyring", flags->keyring, "A folder of trusted *.pub.pem keys")->type_name("DIR");
  key->excludes(ring);
  add_platform_flags(*cmd, flags->platform);
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
