#include "cli/build_plan.h"

#include <iostream>

#include <fmt/format.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "bundle/canonical_json.h"
#include "cli/commands.h"
#include "cli/public_keys.h"
#include "input/discovery.h"
#include "plan/platform_bodies.h"
#include "render/render.h"
#include "validate/validate_run.h"

namespace ipack::cli {

namespace fs = std::filesystem;

int check_plan_for_bundle(const PlanBuildFlags& f, const std::string& verb, std::optional<CheckedPlan>& out) {
  if (f.bundle.empty()) {
    print_error(fmt::format("{} an install plan needs the pack's bundle: {} BUNDLE",
                            verb == "built" ? "building" : "installing", f.bundle_flag));
    return kUsage;
  }
  if (f.key.empty() && f.keyring.empty()) {
    print_error(
        fmt::format("a plan is {} only against a bundle that verifies: give the publisher's public key, --key PUB or "
                    "--keyring DIR",
                    verb));
    return kUsage;
  }
  std::error_code ec;
  if (fs::is_directory(f.bundle, ec)) {
    print_error(
        fmt::format("{} {}: a plan is {} against a bundle (.ipack), not a source folder: build the pack "
                    "first",
                    f.bundle_flag, f.bundle, verb));
    return kUsage;
  }
  if (!fs::is_regular_file(f.plan, ec)) {
    print_error(fmt::format("cannot read {}: no such file", f.plan));
    return kCannotWork;
  }
  auto keys = load_public_keys(f.key, f.keyring);
  if (!keys) {
    print_error(keys.error());
    return kCannotWork;
  }
  auto today = today_utc();
  if (!today) {
    print_error("SOURCE_DATE_EPOCH is set but is not a whole number of seconds since 1970-01-01");
    return kCannotWork;
  }
  ValidateRequest request;
  request.paths = {f.plan};
  request.today = *today;
  request.keep_results = true;
  request.pack = f.bundle;
  request.keys = std::move(keys).take();
  if (!f.config.empty()) request.config = f.config;
  ValidateOutcome outcome = run_validation(request);
  if (!outcome.refused.empty()) {
    print_error(fmt::format("{}; a plan is {} only against a bundle that verifies", outcome.refused, verb));
    return kFindings;
  }
  for (const auto& e : outcome.input_errors) print_error("cannot read " + e);
  if (!outcome.input_errors.empty()) return kCannotWork;
  if (!outcome.diagnostics.empty()) {
    auto lines = [&outcome](const std::string& file, int line) { return outcome.line(file, line); };
    const char* no_color = std::getenv("NO_COLOR");
    bool color = ::isatty(STDERR_FILENO) == 1 && !(no_color && *no_color);
    std::cerr << render_text(outcome.diagnostics, outcome.files_checked, lines, TextStyle{color, true});
  }
  if (count(outcome.diagnostics).errors > 0) {
    print_error(fmt::format("{} is not {}: fix the findings above", display_path(f.plan), verb));
    return kFindings;
  }
  auto kept = outcome.results.find(display_path(f.plan));
  if (kept == outcome.results.end() || !kept->second.plan || !outcome.pack_target) {
    print_error(fmt::format("{} is not an install plan (kind InstallPlan)", display_path(f.plan)));
    return kCannotWork;
  }
  out = CheckedPlan{*kept->second.plan, *outcome.pack_target};
  return kOk;
}

int build_install_plan(const PlanBuildFlags& f) {
  std::optional<CheckedPlan> checked;
  if (int code = check_plan_for_bundle(f, "built", checked); code != kOk) return code;
  std::error_code ec;
  const PlanModel& plan = checked->plan;
  const PackTarget& pack = checked->pack;
  nlohmann::json compiled = compile_plan(plan, pack);
  fs::create_directories(f.output, ec);
  fs::path target = fs::path(f.output) / (plan.name.value_or("plan") + ".install.json");
  if (Status wrote = write_file_atomically(target, canonical_json(compiled) + "\n"); !wrote) {
    print_error(fmt::format("cannot write {}: {}", target.string(), wrote.error()));
    return kCannotWork;
  }
  std::cout << fmt::format("built {}: {} requests for {} instance(s) of {} {}, {} placeholders\n", display_path(target),
                           compiled["requests"].size(), plan.instances.size(), pack.name, pack.version,
                           compiled["placeholders"].size());
  return kOk;
}

}  // namespace ipack::cli
