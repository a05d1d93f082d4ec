#include "base/read_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace ipack {

Result<std::string> read_file_capped(const std::filesystem::path& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{std::strerror(errno)};
  std::string text;
  char chunk[65536];
  while (text.size() <= max_bytes && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<size_t>(in.gcount()));
  if (in.bad()) return Error{std::strerror(errno)};
  return text;
}

}  // namespace ipack
