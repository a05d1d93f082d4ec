#include "base/read_file.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ipack {

Result<std::string> read_file_capped(const std::filesystem::path& path, size_t max_bytes) {
  // Non-blocking, so that a FIFO is refused instead of waited on for ever.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return Error{std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    int saved = errno;
    ::close(fd);
    if (S_ISDIR(st.st_mode)) return Error{"it is a folder"};
    return Error{st.st_mode ? "it is not a regular file" : std::strerror(saved)};
  }
  std::string text;
  char chunk[65536];
  while (text.size() <= max_bytes) {
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Error why{std::strerror(errno)};
      ::close(fd);
      return why;
    }
    if (n == 0) break;
    text.append(chunk, static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

}  // namespace ipack
