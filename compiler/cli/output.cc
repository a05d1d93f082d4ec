#include <iostream>

#include <fmt/format.h>

#include "base/atomic_file.h"
#include "cli/commands.h"

namespace ipack::cli {

void print_error(const std::string& message) { std::cerr << "ipack: error: " << message << "\n"; }

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
