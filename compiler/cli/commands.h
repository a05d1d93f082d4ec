#pragma once
/// The subcommands of `ipack`. Each registers itself on the app and, when chosen, sets the
/// process exit code (the README lists them): 0 done, 1 findings, 2 usage, 3 could not do the work.

#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "base/result.h"
#include "bundle/bundle_reader.h"

namespace ipack::cli {

enum ExitCode { kOk = 0, kFindings = 1, kUsage = 2, kCannotWork = 3, kInternal = 4 };

void add_validate_command(CLI::App& app, int& exit_code);
void add_schema_command(CLI::App& app, int& exit_code);
void add_rules_commands(CLI::App& app, int& exit_code);
void add_init_command(CLI::App& app, int& exit_code);
void add_keygen_command(CLI::App& app, int& exit_code);
void add_build_command(CLI::App& app, int& exit_code);
void add_verify_command(CLI::App& app, int& exit_code);
void add_inspect_command(CLI::App& app, int& exit_code);
void add_diff_command(CLI::App& app, int& exit_code);
void add_schedule_command(CLI::App& app, int& exit_code);
void add_install_command(CLI::App& app, int& exit_code);
void add_publish_command(CLI::App& app, int& exit_code);
void add_pull_command(CLI::App& app, int& exit_code);
/// `help [COMMAND]` and `completion SHELL`; register them last, so they see every command.
void add_help_commands(CLI::App& app, int& exit_code);

/// " (did you mean `ipack validate`?)" for a misspelt command, or "".
std::string suggestion_for_command(CLI::App& app, const std::string& word);
/// Checks the command and its `--flags` before CLI11 parses them, so that a typo gets a
/// did-you-mean; false after saying what is wrong (the caller exits with kUsage).
bool check_command_line(CLI::App& app, int argc, char** argv);

/// The bundle's `source` for inspect and verify: "source: commit abc… (clean)", or a line
/// that says the work tree had uncommitted changes (`source.clean: false`).
std::string source_line(const nlohmann::json& source);

/// What `ipack --version` prints: the version, the build type and the libraries' versions
/// (the ones linked in, where a library can say).
std::string version_text();

/// "ipack: error: …" on standard error.
void print_error(const std::string& message);

/// Reads the bundle a command was given. Nothing, after saying "cannot read PATH: no such
/// file", when PATH is not a file (the caller exits with kCannotWork); else read_bundle's
/// result, whose failure each command words and maps to its own exit code.
std::optional<Result<BundleContents>> read_named_bundle(const std::string& path);
/// Says "cannot read PATH: no such file", as read_named_bundle does.
void say_no_such_file(const std::string& path);

/// Writes a command's output to standard output, or to `path` atomically (-o). False, after
/// saying why, when the file cannot be written (the caller exits with kCannotWork).
bool emit(const std::string& text, const std::string& path);

}  // namespace ipack::cli
