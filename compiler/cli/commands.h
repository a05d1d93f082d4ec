#pragma once
/// The subcommands of `ipack`. Each registers itself on the app and, when chosen, sets the
/// process exit code (the README lists them): 0 done, 1 findings, 2 usage, 3 could not do the work.

#include <CLI/CLI.hpp>

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

/// "ipack: error: …" on standard error.
void print_error(const std::string& message);

/// Writes a command's output to standard output, or to `path` atomically (-o). False, after
/// saying why, when the file cannot be written (the caller exits with kCannotWork).
bool emit(const std::string& text, const std::string& path);

}  // namespace ipack::cli
