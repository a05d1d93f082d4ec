#include "run_ipack.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ipack::test {

std::string source_dir() { return IPACK_SOURCE_DIR; }

void write_text(const std::string& path, const std::string& text) {
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string make_temp_dir() {
  std::string pattern = "/tmp/ipack-test-XXXXXX";
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

RunResult run_ipack(const std::vector<std::string>& args, const RunOptions& options) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe(in_pipe) || ::pipe(out_pipe) || ::pipe(err_pipe)) throw std::runtime_error("pipe failed");
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
    std::string cwd = options.cwd.empty() ? source_dir() : options.cwd;
    if (::chdir(cwd.c_str()) != 0) ::_exit(127);
    std::vector<std::string> env = {"PATH=/usr/bin:/bin", "HOME=/tmp", "SOURCE_DATE_EPOCH=1795478400",
                                    "IPACK_TODAY=2026-11-24"};
    for (const auto& [name, value] : options.env) {
      std::string prefix = name + "=";  // a lambda cannot capture a structured binding before C++20
      env.erase(std::remove_if(env.begin(), env.end(), [&](const std::string& e) { return e.rfind(prefix, 0) == 0; }),
                env.end());
      env.push_back(prefix + value);
    }
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_s = {IPACK_BINARY};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execve(IPACK_BINARY, argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  // Feed standard input and drain both outputs together, so no pipe fills up and blocks.
  RunResult r;
  size_t written = 0;
  int in_fd = in_pipe[1];
  if (options.stdin_text.empty()) {
    ::close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open || in_fd >= 0) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
    if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
    if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) break;
    for (const auto& p : fds) {
      if (p.fd == in_fd && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
        ssize_t n = ::write(in_fd, options.stdin_text.data() + written, options.stdin_text.size() - written);
        if (n > 0) written += static_cast<size_t>(n);
        if (n < 0 || written == options.stdin_text.size()) {
          ::close(in_fd);
          in_fd = -1;
        }
      } else if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
        ssize_t n = ::read(p.fd, buf, sizeof buf);
        bool is_out = p.fd == out_pipe[0];
        if (n <= 0)
          (is_out ? out_open : err_open) = false;
        else
          (is_out ? r.out : r.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace ipack::test
