// A command line that helps: did-you-mean for commands and flags, `ipack help [COMMAND]`,
// completion scripts that a shell accepts and that complete the real commands and flags.
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::run_ipack;

namespace {

// The output of a bash snippet run after sourcing `script`.
std::string bash_output(const std::string& script, const std::string& snippet) {
  std::string dir = make_temp_dir();
  std::ofstream(dir + "/completion.bash") << script;
  std::ofstream(dir + "/run.bash") << "source '" << dir << "/completion.bash'\n" << snippet << "\n";
  std::string command = "bash '" + dir + "/run.bash' > '" + dir + "/out' 2>&1";
  int status = std::system(command.c_str());
  std::ifstream in(dir + "/out");
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return (WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "" : "FAILED: ") + out;
}

}  // namespace

TEST_CASE("a misspelt command or flag gets a did-you-mean and exit 2", "[cli][help]") {
  auto command = run_ipack({"valdate", "."});
  CHECK(command.exit_code == 2);
  CHECK(command.out.empty());
  CHECK(command.err ==
        "ipack: error: no command \"valdate\" (did you mean `ipack validate`?); `ipack help` lists them\n");

  auto flag = run_ipack({"validate", "--strcit", "."});
  CHECK(flag.exit_code == 2);
  CHECK(flag.err ==
        "ipack: error: `ipack validate` has no flag --strcit (did you mean --strict?); `ipack help validate` "
        "lists its flags\n");

  auto with_value = run_ipack({"build", "--requre-clean", "x"});
  CHECK(with_value.exit_code == 2);
  CHECK(with_value.err.find("(did you mean --require-clean?)") != std::string::npos);

  auto far = run_ipack({"validate", "--zzzzzzzz"});
  CHECK(far.exit_code == 2);
  CHECK(far.err.find("did you mean") == std::string::npos);
}

TEST_CASE("ipack help [COMMAND] prints the help of ipack or of one command", "[cli][help]") {
  auto all = run_ipack({"help"});
  CHECK(all.exit_code == 0);
  CHECK(all.out == run_ipack({"--help"}).out);
  auto one = run_ipack({"help", "build"});
  CHECK(one.exit_code == 0);
  CHECK(one.out == run_ipack({"build", "--help"}).out);
  CHECK(one.out.find("--require-clean") != std::string::npos);
  auto wrong = run_ipack({"help", "buld"});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err.find("(did you mean `ipack build`?)") != std::string::npos);
}

TEST_CASE("ipack completion prints scripts the shells accept", "[cli][help]") {
  auto bash = run_ipack({"completion", "bash"});
  REQUIRE(bash.exit_code == 0);
  CHECK(bash_output(bash.out, "COMP_WORDS=(ipack val); COMP_CWORD=1; _ipack; echo \"${COMPREPLY[*]}\"") ==
        "validate\n");
  CHECK(bash_output(bash.out, "COMP_WORDS=(ipack validate --st); COMP_CWORD=2; _ipack; echo \"${COMPREPLY[*]}\"") ==
        "--strict --stdin-name\n");
  CHECK(bash_output(bash.out, "COMP_WORDS=(ipack build --req); COMP_CWORD=2; _ipack; echo \"${COMPREPLY[*]}\"") ==
        "--require-clean\n");
  CHECK(bash_output(bash.out, "COMP_WORDS=(ipack completion z); COMP_CWORD=2; _ipack; echo \"${COMPREPLY[*]}\"") ==
        "zsh\n");

  auto zsh = run_ipack({"completion", "zsh"});
  CHECK(zsh.exit_code == 0);
  CHECK(zsh.out.rfind("#compdef ipack\n", 0) == 0);
  CHECK(zsh.out.find("'--require-clean[") != std::string::npos);
  if (std::system("command -v zsh >/dev/null 2>&1") == 0) {
    std::string dir = make_temp_dir();
    std::ofstream(dir + "/_ipack") << zsh.out;
    CHECK(std::system(("zsh -n '" + dir + "/_ipack'").c_str()) == 0);
  }
  auto fish = run_ipack({"completion", "fish"});
  CHECK(fish.exit_code == 0);
  CHECK(fish.out.find("complete -c ipack -n '__fish_seen_subcommand_from build' -l require-clean") !=
        std::string::npos);

  auto other = run_ipack({"completion", "tcsh"});
  CHECK(other.exit_code == 2);
  CHECK(other.out.empty());
}
