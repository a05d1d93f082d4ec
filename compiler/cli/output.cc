#include <iostream>

#include <fmt/format.h>

#include "atomic_file.h"
#include "cli/commands.h"

namespace ipack::cli {

void print_error(const std::string& message) { std::cerr << "ipack: error: " << message << "\n"; }

bool emit(const std::string& text, const std::string& path) {
  if (path.empty()) {
    std::cout << text << std::flush;
    return true;
  }
  if (std::string why = write_file_atomically(path, text); !why.empty()) {
    print_error(fmt::format("cannot write {}: {}", path, why));
    return false;
  }
  return true;
}

}  // namespace ipack::cli
