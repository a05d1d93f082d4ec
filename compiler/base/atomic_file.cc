#include "base/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ipack {
namespace {

Error errno_error() { return Error{std::strerror(errno)}; }

// Renames `temp` to `path` unless `path` exists. Falls back to link + unlink where the file
// system lacks RENAME_NOREPLACE.
Status place_new(const std::string& temp, const std::filesystem::path& path) {
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) return {};
  if (errno == EINVAL || errno == ENOSYS) {
    if (::link(temp.c_str(), path.c_str()) == 0) {
      ::unlink(temp.c_str());
      return {};
    }
  }
  if (errno == EEXIST) return Error{"it already exists"};
  return errno_error();
}

}  // namespace

Result<PendingFile> PendingFile::create_beside(const std::filesystem::path& target, std::optional<mode_t> mode) {
  std::filesystem::path dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(temp.data());  // 0600 and O_EXCL: never readable by others, not even for an instant
  if (fd < 0) return errno_error();
  if (!mode) {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (::fchmod(fd, *mode) != 0) {
    Error why = errno_error();
    ::close(fd);
    ::unlink(temp.c_str());
    return why;
  }
  return PendingFile(target, std::move(temp), fd);
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : target_(std::move(other.target_)), temp_(std::move(other.temp_)), fd_(other.fd_) {
  other.fd_ = -1;
  other.temp_.clear();
}

PendingFile::~PendingFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

Status PendingFile::write(std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno_error();
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Status PendingFile::commit(Placement placement) {
  int fd = fd_;
  fd_ = -1;
  if (::fsync(fd) != 0) {
    Error why = errno_error();
    ::close(fd);
    return why;  // the destructor removes the temporary file
  }
  if (::close(fd) != 0) return errno_error();
  if (placement == Placement::NewOnly) {
    Status placed = place_new(temp_, target_);
    if (!placed) return placed;
  } else if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    return errno_error();
  }
  temp_.clear();
  return {};
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view content, std::optional<mode_t> mode,
                             Placement placement) {
  auto file = PendingFile::create_beside(path, mode);
  if (!file) return Error{file.error()};
  if (Status wrote = file->write(content); !wrote) return wrote;
  return file->commit(placement);
}

void sync_folder(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace ipack
