#include "bundle/git_source.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

extern char** environ;

namespace ipack {
namespace {

// Runs git with `args` in `dir`; its standard output, or nothing when it fails. Its standard
// error goes nowhere: a missing repository is not the user's problem here.
std::optional<std::string> run_git(const std::filesystem::path& dir, std::vector<std::string> args) {
  // --no-optional-locks: never hold the index lock of a repository the user is working in.
  args.insert(args.begin(), {"git", "--no-optional-locks", "-C", dir.string()});
  int out[2];
  if (::pipe(out) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  std::string text;
  if (spawned == 0) {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(out[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  }
  ::close(out[0]);
  if (spawned != 0) return std::nullopt;
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return text;
}

}  // namespace

std::optional<GitSource> git_source(const std::filesystem::path& pack_dir) {
  auto head = run_git(pack_dir, {"rev-parse", "--verify", "HEAD"});
  if (!head || head->size() < 40) return std::nullopt;
  auto status = run_git(pack_dir, {"status", "--porcelain", "--untracked-files=all", "--", "."});
  if (!status) return std::nullopt;
  return GitSource{head->substr(0, 40), status->empty()};
}

std::optional<GitPlacement> git_placement(const std::filesystem::path& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path absolute = fs::absolute(file, ec).lexically_normal();
  if (ec) return std::nullopt;
  // The nearest folder that exists: keygen creates the missing ones.
  fs::path dir = absolute.parent_path();
  while (!dir.empty() && !fs::is_directory(dir, ec) && dir.has_parent_path() && dir.parent_path() != dir)
    dir = dir.parent_path();
  auto top = run_git(dir, {"rev-parse", "--show-toplevel"});
  if (!top || top->empty()) return std::nullopt;
  if (top->back() == '\n') top->pop_back();
  // check-ignore exits 0 when the path is ignored, 1 when it is not (and 128 on an error, which
  // counts as not ignored: the caller then refuses, the safe side).
  bool ignored = run_git(dir, {"check-ignore", "-q", "--no-index", "--", absolute.string()}).has_value();
  return GitPlacement{fs::path(*top), ignored};
}

}  // namespace ipack
