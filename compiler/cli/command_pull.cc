// `ipack pull PACK [--check]`: fetches the exports of the pack's packages from the account
// (platform/pull_run.h) into the pack's components folder.
#include <iostream>

#include <fmt/format.h>

#include "base/read_file.h"
#include "cli/commands.h"
#include "cli/platform_flags.h"
#include "input/yaml_document.h"
#include "platform/pull_run.h"

namespace ipack::cli {
namespace {

namespace fs = std::filesystem;

struct PullFlags {
  std::string pack;
  bool check = false;
  PlatformFlags platform;
};

int run(const PullFlags& f) {
  std::error_code ec;
  fs::path manifest = fs::is_directory(f.pack, ec) ? fs::path(f.pack) / "pack.yaml" : fs::path(f.pack);
  auto text = read_file_capped(manifest, 4u << 20);
  if (!text) {
    print_error(fmt::format("cannot read {}: {}", manifest.string(), text.error()));
    return kCannotWork;
  }
  std::vector<Diagnostic> findings;
  auto doc = read_yaml(SourceFile(manifest.string(), *text), findings);
  const nlohmann::json* spec =
      doc && doc->value.is_object() && doc->value.contains("spec") ? &doc->value["spec"] : nullptr;
  if (!spec || !spec->is_object() || !spec->contains("packages") || !(*spec)["packages"].is_array()) {
    print_error(
        fmt::format("{} has no spec.packages: run `ipack validate {}` for what is wrong", manifest.string(), f.pack));
    return kFindings;
  }
  std::vector<PulledPackage> packages;
  for (const auto& p : (*spec)["packages"]) {
    if (!p.is_object() || !p.contains("component") || !p["component"].is_string() || !p.contains("packageVersion")) {
      print_error(
          fmt::format("{}: every package needs component and packageVersion to be pulled (legacy packs are "
                      "not pulled)",
                      manifest.string()));
      return kFindings;
    }
    const auto& v = p["packageVersion"];
    packages.push_back({p["component"].get<std::string>(), v.is_string() ? v.get<std::string>() : v.dump()});
  }
  fs::path components = manifest.parent_path() / spec->value("components", std::string("components"));
  if (f.platform.offline) {
    // An empty account packages nothing, so there is nothing to fetch and no request to send.
    if (!f.platform.dry_run) {
      print_error("--offline is for dry runs only: add --dry-run");
      return kUsage;
    }
    if (f.platform.format == "json")
      std::cout << nlohmann::json{{"components", nlohmann::json::array()}}.dump(2) << "\n";
    else
      std::cout << fmt::format(
          "dry run (offline: an empty account assumed): it holds none of the {} packaged versions; no export "
          "would be written\n",
          packages.size());
    return kOk;
  }
  bool usage = false;
  auto client = open_platform(f.platform, "", usage);
  if (!client) {
    print_error(client.error());
    return usage ? kUsage : kCannotWork;
  }
  const bool write_nothing = f.check || f.platform.dry_run;
  PullOutcome done = pull_exports(packages, components, **client, write_nothing,
                                  [&f](const std::string& line) { progress_line(f.platform, line); });
  if (!done.error.empty()) {
    print_error(done.error);
    return kCannotWork;
  }
  if (f.platform.format == "json") {
    std::cout << done.record.dump(2) << "\n";
  } else if (f.platform.dry_run && !f.check) {
    std::cout << fmt::format("dry run: {} of {} exports would be written; none was\n", done.differing.size(),
                             done.record["components"].size());
    for (const auto& file : done.differing) std::cout << fmt::format("{}\n", file);
  } else if (f.check) {
    for (const auto& file : done.differing) std::cout << fmt::format("{}: differs from the account's\n", file);
    std::cout << fmt::format("{} of {} exports differ from the account's\n", done.differing.size(),
                             done.record["components"].size());
  } else {
    for (const auto& file : done.differing) std::cout << fmt::format("wrote {}\n", file);
    std::cout << fmt::format("{} exports pulled, {} changed\n", done.record["components"].size(),
                             done.differing.size());
  }
  return f.check && !done.differing.empty() ? kFindings : kOk;
}

}  // namespace

void add_pull_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<PullFlags>();
  CLI::App* cmd = app.add_subcommand("pull", "Fetch the exports of the pack's packages from the platform");
  cmd->add_option("pack", flags->pack, "The pack's folder or pack.yaml")->required()->type_name("PACK");
  cmd->add_flag("--check", flags->check, "Write nothing; exit 1 when a local export differs from the account's");
  add_platform_flags(*cmd, flags->platform);
  // What a dry run means for pull: files, not requests.
  cmd->get_option("--dry-run")->description("Read the account; list the exports it would write, write none");
  cmd->get_option("--offline")->description(
      "With --dry-run: assume an empty account (nothing to pull) and use no network at all");
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
