#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>

#include <fcntl.h>
#include <unistd.h>

#include "cli/commands.h"

namespace {

// A closed standard stream would hand its number to the next file opened, and output meant for
// the terminal would land in a bundle. Standard input and error get /dev/null; standard output
// gets /dev/full, so that any write to it fails and is reported (see finish_output).
bool stdout_was_closed = false;
void open_closed_standard_streams() {
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    if (fd == STDOUT_FILENO) stdout_was_closed = true;
    int opened = ::open(fd == STDOUT_FILENO ? "/dev/full" : "/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
    if (opened >= 0 && opened != fd) {
      ::dup2(opened, fd);
      ::close(opened);
    }
  }
}

// Output that did not reach standard output (a full disk, a closed stream) is a failure:
// exit 3, never 0 with the output lost. A reader that went away (`| head`) ends ipack by
// SIGPIPE, quietly, as for any filter.
int finish_output(int exit_code) {
  using namespace ipack::cli;
  std::cout.flush();  // errno stays as the failed write left it
  bool failed = std::cout.fail() || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!failed) return exit_code;
  std::cerr << "ipack: error: cannot write to standard output: "
            << (stdout_was_closed ? "it is closed"
                : errno           ? std::strerror(errno)
                                  : "write failed")
            << "\n";
  return exit_code == kUsage || exit_code == kInternal ? exit_code : kCannotWork;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ipack::cli;
  open_closed_standard_streams();
  int exit_code = kOk;
  try {
    CLI::App app{
        "ipack: validate and compile Boomi integration packs kept in git.\n"
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
    add_pull_command(app, exit_code);
    add_publish_command(app, exit_code);
    add_install_command(app, exit_code);
    add_help_commands(app, exit_code);
    if (!check_command_line(app, argc, argv)) return kUsage;
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return finish_output(app.exit(e));
    } catch (const CLI::CallForAllHelp& e) {
      return finish_output(app.exit(e));
    } catch (const CLI::CallForVersion& e) {
      return finish_output(app.exit(e));
    } catch (const CLI::ParseError& e) {
      app.exit(e);
      return kUsage;
    }
    return finish_output(exit_code);
  } catch (const std::exception& e) {
    std::cerr << "ipack: internal error: " << e.what()
              << "\nThis is a bug in ipack; please report it with the command and input that caused it.\n";
    return kInternal;
  }
}
