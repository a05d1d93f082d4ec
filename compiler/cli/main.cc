#include <cstdlib>
#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace ipack::cli;
  int exit_code = kOk;
  try {
    CLI::App app{"ipack: validate and compile Boomi integration packs kept in git.\n"
                 "`ipack COMMAND --help` for a command's flags; `ipack explain RULE` for a rule.",
                 "ipack"};
    app.set_version_flag("--version", version_text());
    app.require_subcommand(1);
    app.fallthrough(false);
    add_validate_command(app, exit_code);
    add_schema_command(app, exit_code);
    add_rules_commands(app, exit_code);
    add_init_command(app, exit_code);
    add_keygen_command(app, exit_code);
    add_build_command(app, exit_code);
    add_verify_command(app, exit_code);
    add_inspect_command(app, exit_code);
    add_diff_command(app, exit_code);
    add_schedule_command(app, exit_code);
    add_help_commands(app, exit_code);
    if (!check_command_line(app, argc, argv)) return kUsage;
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      app.exit(e);
      return kUsage;
    }
    return exit_code;
  } catch (const std::exception& e) {
    std::cerr << "ipack: internal error: " << e.what()
              << "\nThis is a bug in ipack; please report it with the command and input that caused it.\n";
    return kInternal;
  }
}
