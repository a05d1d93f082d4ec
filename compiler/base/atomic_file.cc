#include "base/atomic_file.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>

#include <fcntl.h>
#include <sys/file.h>
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

// ---- temporary files removed when ipack is ended by SIGTERM, SIGHUP or SIGINT --------------
// A fixed table, so that the signal handler only reads memory that is never freed and calls
// only unlink: async-signal-safe.

constexpr size_t kSlots = 64;
constexpr size_t kPathBytes = 4096;
struct Slot {
  std::atomic<bool> used{false};
  char path[kPathBytes];
};
Slot g_slots[kSlots];
std::mutex g_slots_mutex;  // between threads; the handler reads `used` only

extern "C" void remove_temporaries_and_die(int sig) {
  for (auto& slot : g_slots)
    if (slot.used.load()) ::unlink(slot.path);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void install_handlers_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : {SIGTERM, SIGHUP, SIGINT}) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;  // ignored (nohup): keep
      struct sigaction action {};
      action.sa_handler = remove_temporaries_and_die;
      sigemptyset(&action.sa_mask);
      ::sigaction(sig, &action, nullptr);
    }
  });
}

int register_temporary(const std::string& path) {
  if (path.size() >= kPathBytes) return -1;
  install_handlers_once();
  std::lock_guard<std::mutex> lock(g_slots_mutex);
  for (size_t i = 0; i < kSlots; ++i)
    if (!g_slots[i].used.load()) {
      std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
      g_slots[i].used.store(true);
      return static_cast<int>(i);
    }
  return -1;
}

void unregister_temporary(int slot) {
  if (slot < 0) return;
  std::lock_guard<std::mutex> lock(g_slots_mutex);
  g_slots[slot].used.store(false);
}

// While it lives, SIGTERM, SIGHUP and SIGINT wait (on this thread) until it ends: a temporary is
// made and registered as one step, so that such a signal cannot end ipack between the two and
// leave the file behind. The handlers are installed first, for the signals that still arrive.
class TerminationDeferred {
 public:
  TerminationDeferred() {
    install_handlers_once();
    sigset_t deferred;
    sigemptyset(&deferred);
    for (int sig : {SIGTERM, SIGHUP, SIGINT}) sigaddset(&deferred, sig);
    ::pthread_sigmask(SIG_BLOCK, &deferred, &before_);
  }
  ~TerminationDeferred() { ::pthread_sigmask(SIG_SETMASK, &before_, nullptr); }
  TerminationDeferred(const TerminationDeferred&) = delete;
  TerminationDeferred& operator=(const TerminationDeferred&) = delete;

 private:
  sigset_t before_;
};

// ---- temporary files left by an ipack that was killed ---------------------------------------

// `.<name>.XXXXXX` beside `target`, a regular file of ours, not locked by a live writer (every
// PendingFile holds a lock on its file) and not just made: left by a writer that was killed.
void remove_stale_temporaries(const std::filesystem::path& dir, const std::string& name) {
  std::error_code ec;
  std::string prefix = "." + name + ".";
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string file = e.path().filename().string();
    if (file.size() != prefix.size() + 6 || file.compare(0, prefix.size(), prefix) != 0) continue;
    int fd = ::open(e.path().c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat st {};
    bool stale = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
                 st.st_mtime + 10 < std::time(nullptr) && ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (stale) ::unlink(e.path().c_str());
    ::close(fd);
  }
}

// What a target that exists is, when it is not something a rename may replace; "" otherwise.
std::string unreplaceable(const std::filesystem::path& target) {
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0) return "";
  if (S_ISLNK(st.st_mode)) return "it is a symbolic link; name the file it points to";
  if (S_ISDIR(st.st_mode)) return "it is a folder";
  if (!S_ISREG(st.st_mode)) return "it is not a regular file";
  return "";
}

}  // namespace

Result<PendingFile> PendingFile::create_beside(const std::filesystem::path& target, std::optional<mode_t> mode) {
  std::filesystem::path dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
  if (std::string why = unreplaceable(target); !why.empty()) return Error{why};
  remove_stale_temporaries(dir, target.filename().string());
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  TerminationDeferred deferred;                 // from here until it is registered
  int fd = ::mkostemp(temp.data(), O_CLOEXEC);  // 0600 and O_EXCL: never readable by others, not even for an instant
  if (fd < 0) return errno_error();
  ::flock(fd, LOCK_EX | LOCK_NB);  // alive: remove_stale_temporaries leaves it alone
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
  int slot = register_temporary(temp);
  return PendingFile(target, std::move(temp), fd, slot);
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : target_(std::move(other.target_)), temp_(std::move(other.temp_)), fd_(other.fd_), slot_(other.slot_) {
  other.fd_ = -1;
  other.slot_ = -1;
  other.temp_.clear();
}

PendingFile::~PendingFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
  unregister_temporary(slot_);
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
  // Checked again: the target may have become a link since the file was made.
  if (std::string why = unreplaceable(target_); !why.empty()) return Error{why};
  if (placement == Placement::NewOnly) {
    Status placed = place_new(temp_, target_);
    if (!placed) return placed;
  } else if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    return errno_error();
  }
  temp_.clear();
  unregister_temporary(slot_);
  slot_ = -1;
  return {};
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view content, std::optional<mode_t> mode,
                             Placement placement) {
  // A character device or FIFO, or a link to one (-o /dev/stdout, a pipe to a reader), is
  // written through: replacing it by a file would break it.
  struct stat st {};
  if (placement == Placement::Replace && ::stat(path.c_str(), &st) == 0 &&
      (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
    int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return errno_error();
    for (std::string_view rest = content; !rest.empty();) {
      ssize_t n = ::write(fd, rest.data(), rest.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        Error why = errno_error();
        ::close(fd);
        return why;
      }
      rest.remove_prefix(static_cast<size_t>(n));
    }
    if (::close(fd) != 0) return errno_error();
    return {};
  }
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
