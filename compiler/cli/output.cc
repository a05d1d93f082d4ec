#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "base/atomic_file.h"
#include "cli/commands.h"
#include "render/render.h"

namespace ipack::cli {

std::string source_line(const nlohmann::json& source) {
  if (!source.is_object() || !source.contains("commit") || !source["commit"].is_string())
    return "source: not built in a git work tree";
  std::string commit = source["commit"].get<std::string>();
  bool clean = source.value("clean", false);
  if (clean) return fmt::format("source: commit {} (clean)", commit);
  return fmt::format(
      "source: commit {} with uncommitted changes (source.clean: false): the bundle may hold what "
      "no commit holds",
      commit);
}

// A message may quote a path, a key or a value from the input: its control characters are shown,
// never sent to the terminal.
void print_error(const std::string& message) { std::cerr << "ipack: error: " << visible(message, true) << "\n"; }

void say_no_such_file(const std::string& path) { print_error(fmt::format("cannot read {}: no such file", path)); }

std::optional<Result<BundleContents>> read_named_bundle(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    say_no_such_file(path);
    return std::nullopt;
  }
  return read_bundle(path);
}

bool emit(const std::string& text, const std::string& path) {
  if (path.empty()) {
    std::cout << text << std::flush;
    return true;
  }
  if (Status wrote = write_file_atomically(path, text); !wrote) {
    print_error(fmt::format("cannot write {}: {}", path, wrote.error()));
    return false;
  }
  return true;
}

}  // namespace ipack::cli
