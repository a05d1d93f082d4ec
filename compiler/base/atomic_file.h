#pragma once
/// Writing outputs so that no reader ever sees a half-written file: the one atomic writer.
/// Content goes to a temporary file beside the target, is synced, then renamed into place.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace ipack {

/// What a commit does when the target exists.
enum class Placement {
  Replace,  ///< rename over it
  NewOnly,  ///< refuse ("it already exists"): a file that appeared since we looked is never replaced
};

/// A temporary file (`.<name>.XXXXXX`) beside its target. Removed unless committed, also when
/// ipack is ended by SIGTERM, SIGHUP or SIGINT; one left by a killed ipack (SIGKILL, power
/// loss) is removed by the next PendingFile for the same target.
class PendingFile {
 public:
  /// `mode`: the file's exact mode, set before any byte is written (0600 for a private key);
  /// none: the mode a new file gets (0666 less the umask). Refuses a target that is a symbolic
  /// link, a folder or not a regular file (checked again at commit).
  static Result<PendingFile> create_beside(const std::filesystem::path& target, std::optional<mode_t> mode = {});
  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&&) = delete;
  PendingFile(const PendingFile&) = delete;
  ~PendingFile();

  int fd() const { return fd_; }  ///< for writers that take a descriptor; do not close it
  Status write(std::string_view data);
  /// Syncs and closes the file, then puts it in the target's place. On failure nothing is left.
  Status commit(Placement placement = Placement::Replace);

 private:
  PendingFile(std::filesystem::path target, std::string temp, int fd, int slot)
      : target_(std::move(target)), temp_(std::move(temp)), fd_(fd), slot_(slot) {}
  std::filesystem::path target_;
  std::string temp_;
  int fd_ = -1;
  int slot_ = -1;  ///< in the table of files removed on SIGTERM, SIGHUP and SIGINT
};

/// Writes `content` to `path` atomically (see PendingFile); a character device or FIFO
/// (`/dev/stdout`, `/dev/null`) is written through instead.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content,
                             std::optional<mode_t> mode = {}, Placement placement = Placement::Replace);

/// fsync on a folder, so that a rename in it survives a crash; best effort.
void sync_folder(const std::filesystem::path& dir);

}  // namespace ipack
