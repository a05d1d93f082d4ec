#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "cli/commands.h"
#include "input/yaml_document.h"
#include "render/render.h"
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
    print_error("SOURCE_DATE_EPOCH is set but is not a whole number of seconds since 1970-01-01");
    return kCannotWork;
  }
  ValidateRequest request;
  request.paths = f.paths.empty() ? std::vector<std::string>{"."} : f.paths;
  request.stdin_name = f.stdin_name;
  request.today = *today;
  if (!f.previous.empty()) request.previous = f.previous;
  request.jobs = f.jobs ? f.jobs : std::max(1u, std::thread::hardware_concurrency());
  for (const auto& p : request.paths)
    if (p == "-" && !request.stdin_text)
      request.stdin_text = read_stdin_capped(YamlLimits{}.max_bytes + 1);
  if (!f.config.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f.config, ec)) {
      print_error(fmt::format("cannot read the config {}: no such file", f.config));
      return kCannotWork;
    }
    request.config = f.config;
  }

  ValidateOutcome outcome = run_validation(request);
  for (const auto& e : outcome.input_errors) print_error("cannot read " + e);
  if (!outcome.input_errors.empty()) return kCannotWork;
  if (outcome.files_checked == 0) {
    print_error("no manifest found (discovery looks for pack.yaml); name a file or a folder that holds one");
    return kCannotWork;
  }

  Counts c = count(outcome.diagnostics);
  int exit_code = c.errors > 0 || (f.strict && c.warnings > 0) ? kFindings : kOk;
  std::string rendered;
  if (f.format == "json") {
    rendered = render_json(outcome.diagnostics, outcome.files_checked);
  } else if (f.format == "sarif") {
    SarifRun run{std::filesystem::current_path().string(), exit_code};
    rendered = render_sarif(outcome.diagnostics, describe_rules(), run);
  } else if (f.format == "junit") {
    std::vector<std::string> files;  // the files checked: all that `sources` holds before text output
    for (const auto& entry : outcome.sources) files.push_back(entry.first);
    rendered = render_junit(outcome.diagnostics, files);
  } else if (f.format == "github") {
    rendered = render_github(outcome.diagnostics);
  } else {
    auto lines = [&outcome](const std::string& file, int line) { return outcome.line(file, line); };
    rendered = render_text(outcome.diagnostics, outcome.files_checked, lines, TextStyle{use_color(f), !f.quiet});
  }
  if (!emit(rendered, f.output)) return kCannotWork;

  return exit_code;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ValidateFlags>();
  CLI::App* cmd = app.add_subcommand("validate", "Check manifests (default: the current directory)");
  cmd->add_option("paths", flags->paths,
                  "Files, folders (searched for pack.yaml) or - for standard input")
      ->type_name("PATH");
  cmd->add_option("--format", flags->format, "Findings format")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}))
      ->default_str("text");
  cmd->add_option("-o,--output", flags->output, "Write findings to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  cmd->add_flag("--strict", flags->strict, "Warnings fail the run too");
  cmd->add_option("--config", flags->config, "Use this .ipack.yaml instead of looking one up")
      ->type_name("FILE");
  cmd->add_option("--jobs", flags->jobs, "Files checked in parallel (default: the number of processors)")
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--color", flags->color, "Colour in text output; auto honours NO_COLOR and a terminal check")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  cmd->add_flag("-q,--quiet", flags->quiet, "No summary line");
  cmd->add_option("--previous", flags->previous, "Run the release rules against the last released bundle")
      ->type_name("BUNDLE");
  cmd->add_option("--stdin-name", flags->stdin_name, "The name findings give to standard input (with -)")
      ->type_name("NAME");
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
