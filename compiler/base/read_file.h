#pragma once
/// Reading input files with a cap, so that no input larger than its limit is ever held whole.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.h"

namespace ipack {

/// A regular file, open for reading, whose size is known before its bytes are read: a reader
/// that budgets memory by size asks the system once (fstat), not twice (stat, then fstat).
class OpenedFile {
 public:
  /// Opens `path` (non-blocking, so that a FIFO is refused instead of waited on for ever). The
  /// error is the system's reason, or that it is a folder or not a regular file.
  static Result<OpenedFile> open(const std::filesystem::path& path);
  OpenedFile(OpenedFile&& other) noexcept : fd_(other.fd_), size_(other.size_) { other.fd_ = -1; }
  OpenedFile(const OpenedFile&) = delete;
  OpenedFile& operator=(const OpenedFile&) = delete;
  OpenedFile& operator=(OpenedFile&&) = delete;
  ~OpenedFile();

  /// The size when it was opened.
  uint64_t size() const { return size_; }
  /// Its bytes, at most `max_bytes` (+1, so that a larger file is seen as larger), whatever the
  /// size was when it was opened. A file no larger than that size is read with one call.
  Result<std::string> read(size_t max_bytes);

 private:
  OpenedFile(int fd, uint64_t size) : fd_(fd), size_(size) {}
  int fd_;
  uint64_t size_;
};

/// Reads a file of at most `max_bytes` (+1, so that a larger one is seen as larger). The error
/// is the system's reason (e.g. "No such file or directory").
Result<std::string> read_file_capped(const std::filesystem::path& path, size_t max_bytes);

}  // namespace ipack
