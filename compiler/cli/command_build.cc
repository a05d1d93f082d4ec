#include <cerrno>
#include <cstdlib>
#include <future>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "bundle/bundle_writer.h"
#include "bundle/git_source.h"
#include "bundle/pack_compiler.h"
#include "bundle/signing.h"
#include "cli/build_plan.h"
#include "cli/commands.h"
#include "input/discovery.h"
#include "render/render.h"
#include "validate/validate_run.h"

namespace ipack::cli {
namespace {

namespace fs = std::filesystem;

struct BuildFlags {
  std::string pack;
  std::string output = "dist";
  std::string key;
  bool unsigned_bundle = false;
  bool strict = false;
  std::string config;
  unsigned jobs = 0;
  std::string previous;
  std::string plan_pack;  ///< --pack BUNDLE: `pack` is an install plan
  std::string keyring;
  bool require_clean = false;
  size_t max_findings = 0;
};

// The private key: --key FILE, else IPACK_SIGNING_KEY (the PEM text, as CI secrets are handed
// over), else none when --unsigned says so.
int load_key(const BuildFlags& f, std::optional<PrivateKey>& key) {
  const char* env = std::getenv("IPACK_SIGNING_KEY");
  if (!f.key.empty() && f.unsigned_bundle) {
    print_error("--key and --unsigned contradict each other: give one");
    return kUsage;
  }
  if (!f.key.empty()) {
    auto loaded = PrivateKey::load_file(f.key);
    if (!loaded) {
      print_error(loaded.error());
      return kCannotWork;
    }
    key = std::move(*loaded);
  } else if (!f.unsigned_bundle && env && *env) {
    auto loaded = PrivateKey::from_pem(env);
    if (!loaded) {
      print_error("IPACK_SIGNING_KEY: " + loaded.error());
      return kCannotWork;
    }
    key = std::move(*loaded);
  } else if (!f.unsigned_bundle) {
    print_error(
        "build signs the bundle: give --key FILE or set IPACK_SIGNING_KEY (make a key with `ipack keygen NAME`), "
        "or pass --unsigned for a local try");
    return kUsage;
  }
  return kOk;
}

int run(const BuildFlags& f) {
  if (!f.plan_pack.empty() || is_plan_name(fs::path(f.pack).filename().string())) {
    if (f.unsigned_bundle || !f.previous.empty()) {
      print_error("--unsigned and --previous are for building a pack, not an install plan");
      return kUsage;
    }
    return build_install_plan({f.pack, f.plan_pack, f.output, f.key, f.keyring, f.config});
  }
  if (!f.keyring.empty()) {
    print_error("--keyring verifies the bundle an install plan is built against: give --pack BUNDLE too");
    return kUsage;
  }
  std::optional<PrivateKey> key;
  if (int code = load_key(f, key); code != kOk) return code;

  fs::path manifest = f.pack;
  std::error_code ec;
  if (fs::is_directory(manifest, ec))
    manifest = fs::exists(manifest / "pack.yml", ec) && !fs::exists(manifest / "pack.yaml", ec)
                   ? manifest / "pack.yml"
                   : manifest / "pack.yaml";
  if (!fs::is_regular_file(manifest, ec)) {
    print_error(fmt::format("cannot read {}: no such file", manifest.string()));
    return kCannotWork;
  }
  auto today = today_utc();
  if (!today) {
    print_error(
        fmt::format("IPACK_TODAY is \"{}\": give today's date as yyyy-MM-dd (UTC), or unset it to use the clock",
                    std::getenv("IPACK_TODAY")));
    return kCannotWork;
  }
  // builtAt is SOURCE_DATE_EPOCH (the commit's time in reproducible builds), else 0.
  int64_t built_at = 0;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    errno = 0;
    built_at = std::strtoll(epoch, &end, 10);
    if (errno != 0 || *end != '\0') {
      print_error("SOURCE_DATE_EPOCH is set but is not a whole number of seconds since 1970-01-01");
      return kCannotWork;
    }
  }

  ValidateRequest request;
  request.paths = {manifest.string()};
  request.today = *today;
  request.jobs = f.jobs ? f.jobs : std::max(1u, std::thread::hardware_concurrency());
  request.keep_results = true;
  if (!f.previous.empty()) request.previous = f.previous;
  if (!f.config.empty()) request.config = f.config;
  // git runs (two short processes) while the pack is validated: its answer is needed only for
  // pack.json.
  std::future<std::optional<GitSource>> asked_git = std::async(
      std::launch::async, git_source, manifest.parent_path().empty() ? fs::path(".") : manifest.parent_path());
  ValidateOutcome outcome = run_validation(request);
  for (const auto& e : outcome.input_errors) print_error("cannot read " + e);
  if (!outcome.input_errors.empty()) return kCannotWork;

  // A scaffold's placeholder is a warning while the pack is being written, and an error here:
  // a signed bundle of the all-zero component id is a release of nothing.
  for (auto& d : outcome.diagnostics)
    if (d.rule == "placeholder") d.severity = Severity::Error;

  // Findings go to standard error: standard output says what was built.
  if (!outcome.diagnostics.empty()) {
    auto lines = [&outcome](const std::string& file, int line) { return outcome.line(file, line); };
    const char* no_color = std::getenv("NO_COLOR");
    bool color = ::isatty(STDERR_FILENO) == 1 && !(no_color && *no_color);
    std::cerr << render_text(outcome.diagnostics, outcome.files_checked, lines, TextStyle{color, true, f.max_findings});
  }
  Counts c = count(outcome.diagnostics);
  if (c.errors > 0 || (f.strict && c.warnings > 0)) {
    print_error(fmt::format("{} is not built: fix the findings above", display_path(manifest)));
    return kFindings;
  }
  auto kept = outcome.results.find(display_path(manifest));
  if (kept == outcome.results.end() || !kept->second.pack) {
    print_error(fmt::format("{} is not a pack manifest (kind IntegrationPack)", display_path(manifest)));
    return kCannotWork;
  }
  const PackModel& pack = *kept->second.pack;
  const PackComponents* components = kept->second.components ? &*kept->second.components : nullptr;

  fs::create_directories(f.output, ec);
  fs::path target = fs::path(f.output) / bundle_file_name(pack);
  std::optional<GitSource> source = asked_git.get();
  if (f.require_clean && (!source || !source->clean)) {
    print_error(source ? fmt::format("{} is not built: its folder has uncommitted changes or untracked files "
                                     "(--require-clean); commit them, or build without --require-clean",
                                     display_path(manifest))
                       : fmt::format("{} is not built: it is not in a git work tree (--require-clean)",
                                     display_path(manifest)));
    return kFindings;
  }
  auto writer = BundleWriter::open(target);
  if (!writer) {
    print_error(fmt::format("cannot write {}: {}", target.string(), writer.error()));
    return kCannotWork;
  }
  // Each export is read once: hashed for pack.json and compressed from the same bytes.
  auto compiled = compile_pack(pack, components, built_at, outcome.previous.get(), [&](std::vector<BundleEntry>& e) {
    return writer->add_files(e, built_at, request.jobs);
  });
  if (!compiled) {
    print_error(compiled.error());
    return kCannotWork;
  }
  size_t exports = 0;
  for (const auto& e : compiled->entries) exports += e.name.rfind("components/", 0) == 0;
  size_t packages = compiled->pack["packages"].size();
  // The validated pack and its components: all in `compiled` now, freed while the bundle is
  // written (a pack of 2,000 exports takes milliseconds to free piece by piece).
  auto freeing = std::async(std::launch::async,
                            [results = std::move(outcome.results)]() mutable { results.clear(); });
  if (Status wrote = writer->finish(std::move(compiled).take(), key ? &*key : nullptr, source, built_at, request.jobs);
      !wrote) {
    print_error(fmt::format("cannot write {}: {}", target.string(), wrote.error()));
    return kCannotWork;
  }
  std::cout << fmt::format("built {}: {}, {}, {}\n", display_path(target), plural(packages, "package", "packages"),
                           plural(exports, "component export", "component exports"),
                           key ? "signed by key " + key->public_key().key_id() : std::string("unsigned"));
  return kOk;
}

}  // namespace

void add_build_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<BuildFlags>();
  CLI::App* cmd = app.add_subcommand("build", "Validate, then compile a pack into a signed bundle");
  cmd->add_option("pack", flags->pack, "The pack's folder, or its pack.yaml; or an install plan (with --pack)")
      ->required()
      ->type_name("PACK|PLAN");
  cmd->add_option("-o,--output", flags->output, "Folder for the bundle (created if missing)")
      ->type_name("DIR")
      ->default_str("dist");
  cmd->add_option("--key", flags->key,
                  "Ed25519 private key (PKCS#8 PEM, mode 0600); else IPACK_SIGNING_KEY. For a plan: the public key "
                  "the --pack bundle must verify against")
      ->type_name("FILE");
  cmd->add_option("--pack", flags->plan_pack, "Build the install plan PLAN against this bundle (it must verify)")
      ->type_name("BUNDLE");
  cmd->add_option("--keyring", flags->keyring,
                  "For a plan: the --pack bundle must verify against one of these *.pub.pem")
      ->type_name("DIR");
  cmd->add_flag("--unsigned", flags->unsigned_bundle, "Build without a signature (for local tries; verify refuses it)");
  cmd->add_flag("--strict", flags->strict, "Warnings stop the build too");
  cmd->add_option("--previous", flags->previous,
                  "Run the release rules against the last released bundle, and write the Update request bodies")
      ->type_name("BUNDLE");
  cmd->add_flag("--require-clean", flags->require_clean,
                "Refuse to build unless the pack's folder is committed in git (no change, no untracked file)");
  cmd->add_option("--max-findings", flags->max_findings,
                  "Show at most N findings in text output, errors first (the summary still counts all)")
      ->type_name("N")
      ->check(CLI::Range(size_t{1}, size_t{1} << 30));
  cmd->add_option("--config", flags->config, "Use this .ipack.yaml instead of looking one up")->type_name("FILE");
  cmd->add_option("--jobs", flags->jobs,
                  "Exports read and compressed in parallel (default: the number of processors); the bundle is the "
                  "same bytes whatever N is")
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
