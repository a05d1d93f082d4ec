#include "base/read_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ipack {

Result<OpenedFile> OpenedFile::open(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return Error{std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    int saved = errno;
    ::close(fd);
    if (S_ISDIR(st.st_mode)) return Error{"it is a folder"};
    return Error{st.st_mode ? "it is not a regular file" : std::strerror(saved)};
  }
  return OpenedFile(fd, static_cast<uint64_t>(st.st_size));
}

OpenedFile::~OpenedFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string> OpenedFile::read(size_t max_bytes) {
  // First the size it had, and one byte more, in one call: when that comes back short with the
  // size it had, that is the end. Otherwise (a file that grew or shrank since it was opened, a
  // file system that reads less at a time) it is read on until the end.
  std::string text(static_cast<size_t>(std::min<uint64_t>(size_, max_bytes)) + 1, '\0');
  size_t got = 0;
  for (;;) {
    if (got == text.size()) {
      if (got > max_bytes) break;
      text.resize(std::min(got + 65536, max_bytes + 1));
    }
    ssize_t n = ::read(fd_, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{std::strerror(errno)};
    if (n == 0) break;
    got += static_cast<size_t>(n);
    if (got == size_ && got < text.size()) break;  // as large as it was, and the read came back short
  }
  text.resize(got);
  return text;
}

Result<std::string> read_file_capped(const std::filesystem::path& path, size_t max_bytes) {
  auto file = OpenedFile::open(path);
  if (!file) return Error{file.error()};
  return file->read(max_bytes);
}

}  // namespace ipack
