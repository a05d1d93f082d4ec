// `ipack diff OLD NEW`: what changed between two bundles of one pack, as release notes. Works
// on the two pack.json documents only (read_bundle; signatures are not verified).
#include <algorithm>
#include <iostream>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/atomic_file.h"
#include "bundle/bundle_reader.h"
#include "bundle/pack_diff.h"
#include "bundle/pack_json_view.h"
#include "cli/commands.h"
#include "cli/diff_plans.h"

namespace ipack::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace pack_json;

struct DiffFlags {
  std::string old_bundle;
  std::string new_bundle;
  std::string format = "text";
  std::string output;
};

// ---- the command ---------------------------------------------------------------------------

std::optional<BundleContents> read_one(const std::string& path, int& exit_code) {
  auto named = read_named_bundle(path);
  if (!named) {
    exit_code = kCannotWork;
    return std::nullopt;
  }
  auto& contents = *named;
  if (!contents) {
    print_error(fmt::format("cannot read {}: {}", path, contents.error()));
    exit_code = kCannotWork;
    return std::nullopt;
  }
  const json& format = field(contents->pack, "format");
  if (format != "ipack-bundle/1") {
    print_error(fmt::format("cannot read {}: unknown bundle format {}", path, format.dump()));
    exit_code = kCannotWork;
    return std::nullopt;
  }
  return std::move(contents).take();
}

int run(const DiffFlags& f) {
  if (is_plan_path(f.old_bundle) && is_plan_path(f.new_bundle))
    return diff_install_plans(f.old_bundle, f.new_bundle, f.format, f.output);
  int exit_code = kOk;
  auto old_contents = read_one(f.old_bundle, exit_code);
  if (!old_contents) return exit_code;
  auto new_contents = read_one(f.new_bundle, exit_code);
  if (!new_contents) return exit_code;
  const json &old_pack = old_contents->pack, &new_pack = new_contents->pack;
  std::string old_name = str(field(old_pack, "metadata"), "name"), new_name = str(field(new_pack, "metadata"), "name");
  if (old_name != new_name) {
    print_error(
        fmt::format("{} and {} are bundles of different packs (\"{}\" and \"{}\"): diff compares two releases of "
                    "one pack",
                    f.old_bundle, f.new_bundle, old_name, new_name));
    return kFindings;
  }
  json diff = diff_packs(old_pack, new_pack);
  std::string rendered = f.format == "json"       ? diff.dump(2) + "\n"
                         : f.format == "markdown" ? render_pack_diff_markdown(diff)
                                                  : render_pack_diff_text(diff);
  return emit(rendered, f.output) ? kOk : kCannotWork;
}

}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<DiffFlags>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "What changed between two bundles of the same pack, as release notes (does NOT verify signatures)");
  cmd->footer(
      "Reports the pack's version, packages added, removed, re-versioned or whose components changed (a changed\n"
      "closure under the same packageVersion is flagged: package-version-reused), and extensions added, removed or\n"
      "changed. Compares the bundles' pack.json only and does NOT verify their signatures: run ipack verify for that.\n"
      "Exit 0 (also when nothing differs), 1 for bundles of two different packs, 3 for a bundle that cannot be read.\n"
      "Given two install plans (NAME.install.yaml), says what changes for that customer instead.");
  cmd->add_option("old", flags->old_bundle, "The earlier bundle (.ipack)")->required()->type_name("OLD");
  cmd->add_option("new", flags->new_bundle, "The later bundle (.ipack)")->required()->type_name("NEW");
  cmd->add_option("--format", flags->format,
                  "Output format: text, json (stable, documented) or markdown (release notes)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->default_str("text");
  cmd->add_option("-o,--output", flags->output, "Write the report to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
