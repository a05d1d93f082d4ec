#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "cli/commands.h"
#include "cli/public_keys.h"
#include "input/yaml_document.h"
#include "render/formats.h"
#include "rules/rule_descriptions.h"
#include "validate/validate_run.h"

namespace ipack::cli {
namespace {

// Standard input up to `max_bytes`: more is over the input limit, and is never held.
std::string read_stdin_capped(size_t max_bytes) {
  std::string text;
  char chunk[65536];
  while (text.size() < max_bytes) {
    std::cin.read(chunk, static_cast<std::streamsize>(std::min(sizeof chunk, max_bytes - text.size())));
    if (std::cin.gcount() <= 0) break;
    text.append(chunk, static_cast<size_t>(std::cin.gcount()));
  }
  return text;
}

struct ValidateFlags {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  bool strict = false;
  std::string config;
  unsigned jobs = 0;
  std::string color = "auto";
  bool quiet = false;
  std::string stdin_name = "<stdin>";
  std::string previous;
  std::string pack;
  std::string key;
  std::string keyring;
  size_t max_findings = 0;
};

bool use_color(const ValidateFlags& f) {
  if (f.color == "always") return true;
  if (f.color == "never" || !f.output.empty()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

int run(const ValidateFlags& f) {
  auto today = today_utc();
  if (!today) {
    print_error(
        fmt::format("IPACK_TODAY is \"{}\": give today's date as yyyy-MM-dd (UTC), or unset it to use the clock",
                    std::getenv("IPACK_TODAY")));
    return kCannotWork;
  }
  ValidateRequest request;
  request.paths = f.paths.empty() ? std::vector<std::string>{"."} : f.paths;
  request.stdin_name = f.stdin_name;
  request.today = *today;
  if (!f.previous.empty()) request.previous = f.previous;
  if ((!f.key.empty() || !f.keyring.empty()) && f.pack.empty()) {
    print_error("--key and --keyring verify the bundle given with --pack: give --pack BUNDLE too");
    return kUsage;
  }
  if (!f.pack.empty()) {
    request.pack = f.pack;
    auto keys = load_public_keys(f.key, f.keyring);
    if (!keys) {
      print_error(keys.error());
      return kCannotWork;
    }
    request.keys = std::move(keys).take();
  }
  request.jobs = f.jobs ? f.jobs : std::max(1u, std::thread::hardware_concurrency());
  request.exit_after = true;
  for (const auto& p : request.paths)
    if (p == "-" && !request.stdin_text) request.stdin_text = read_stdin_capped(YamlLimits{}.max_bytes + 1);
  if (!f.config.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f.config, ec)) {
      print_error(fmt::format("cannot read the config {}: no such file", f.config));
      return kCannotWork;
    }
    request.config = f.config;
  }

  ValidateOutcome outcome = run_validation(request);
  if (!outcome.refused.empty()) {
    print_error(outcome.refused + "; install plans are checked only against a bundle that verifies");
    return kFindings;
  }
  for (const auto& e : outcome.input_errors) print_error("cannot read " + e);
  if (!outcome.input_errors.empty()) return kCannotWork;
  if (outcome.files_checked == 0) {
    print_error(
        "no manifest found (discovery looks for pack.yaml and *.install.yaml); name a file or a folder that holds one");
    return kCannotWork;
  }

  Counts c = count(outcome.diagnostics);
  int exit_code = c.errors > 0 || (f.strict && c.warnings > 0) ? kFindings : kOk;
  std::vector<std::string> files;  // the files checked: all that `sources` holds before text output
  for (const auto& entry : outcome.sources) files.push_back(entry.first);
  FindingsReport report{outcome.diagnostics,
                        outcome.files_checked,
                        std::move(files),
                        [&outcome](const std::string& file, int line) { return outcome.line(file, line); },
                        TextStyle{use_color(f), !f.quiet, f.max_findings},
                        [&outcome] {
                          auto rules = describe_rules();
                          if (outcome.xpath_rules)
                            for (auto& r : describe_xpath_rules(*outcome.xpath_rules)) rules.push_back(std::move(r));
                          return rules;
                        },
                        SarifRun{std::filesystem::current_path().string(), exit_code}};
  std::string rendered = find_findings_format(f.format)->render(report);
  if (!emit(rendered, f.output)) return kCannotWork;
  // The process ends now: the exit, not each destructor, gives the checked pack's memory back.
  // (Kept reachable from here, so that a leak checker does not count it as lost.)
  static auto* retired = new std::vector<ManifestResult>();
  *retired = std::move(outcome.retired);

  return exit_code;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ValidateFlags>();
  CLI::App* cmd = app.add_subcommand("validate", "Check manifests (default: the current directory)");
  cmd->add_option("paths", flags->paths,
                  "Files, folders (searched for pack.yaml and *.install.yaml) or - for standard input")
      ->type_name("PATH");
  cmd->add_option("--format", flags->format, "Findings format")
      ->type_name("FORMAT")
      ->check(CLI::IsMember(findings_format_names()))
      ->default_str("text");
  cmd->add_option("-o,--output", flags->output, "Write findings to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  cmd->add_flag("--strict", flags->strict, "Warnings fail the run too");
  cmd->add_option("--config", flags->config, "Use this .ipack.yaml instead of looking one up")->type_name("FILE");
  cmd->add_option("--jobs", flags->jobs, "Files checked in parallel (default: the number of processors)")
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--color", flags->color, "Colour in text output; auto honours NO_COLOR and a terminal check")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  cmd->add_option("--max-findings", flags->max_findings,
                  "Show at most N findings in text output, errors first (the summary still counts all)")
      ->type_name("N")
      ->check(CLI::Range(size_t{1}, size_t{1} << 30));
  cmd->add_flag("-q,--quiet", flags->quiet, "No summary line");
  cmd->add_option("--previous", flags->previous, "Run the release rules against the last released bundle")
      ->type_name("BUNDLE");
  cmd->add_option("--pack", flags->pack, "Check install plans against this pack: its folder, or a bundle")
      ->type_name("DIR|BUNDLE");
  cmd->add_option("--key", flags->key, "The --pack bundle must verify against this public key")->type_name("PUB");
  cmd->add_option("--keyring", flags->keyring, "The --pack bundle must verify against one of this folder's *.pub.pem")
      ->type_name("DIR");
  cmd->add_option("--stdin-name", flags->stdin_name, "The name findings give to standard input (with -)")
      ->type_name("NAME");
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
