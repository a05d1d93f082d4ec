#pragma once
/// Runs the built `ipack` binary as a user would, for end-to-end tests.

#include <map>
#include <string>
#include <vector>

namespace ipack::test {

struct RunResult {
  int exit_code = -1;
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

struct RunOptions {
  std::string cwd;  ///< "" = the source tree's root
  std::string stdin_text;
  std::map<std::string, std::string>
      env;  ///< added to a clean environment (PATH, HOME, SOURCE_DATE_EPOCH and IPACK_TODAY fixed)
};

/// `ipack ARGS...`, waited for.
RunResult run_ipack(const std::vector<std::string>& args, const RunOptions& options = {});

std::string source_dir();
std::string read_text(const std::string& path);
/// Writes `text` to `path`, making its folders first.
void write_text(const std::string& path, const std::string& text);
/// A fresh empty folder under the system's temporary folder.
std::string make_temp_dir();

}  // namespace ipack::test
