#include "base/folder_entries.h"

#include <algorithm>
#include <cerrno>
#include <system_error>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

namespace ipack {

namespace {

FolderEntry::Kind kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return FolderEntry::kFolder;
  if (S_ISREG(mode)) return FolderEntry::kFile;
  return FolderEntry::kOther;
}

Error system_error(int error) { return Error{std::generic_category().message(error)}; }

}  // namespace

Result<std::vector<FolderEntry>> list_folder(const std::string& folder) {
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) return system_error(errno);
  const int fd = ::dirfd(dir);
  std::vector<FolderEntry> entries;
  for (;;) {
    errno = 0;
    const dirent* e = ::readdir(dir);
    if (!e) break;
    const char* name = e->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    FolderEntry entry;
    entry.name = name;
    unsigned char type = e->d_type;
    struct stat st;
    if (type == DT_UNKNOWN) {  // the file system records no types: ask, without following a link
      if (::fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        entries.push_back(std::move(entry));  // gone meanwhile: nothing to read
        continue;
      }
      type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == DT_DIR) {
      entry.kind = FolderEntry::kFolder;
    } else if (type == DT_REG) {
      entry.kind = FolderEntry::kFile;
    } else if (type == DT_LNK) {
      entry.symlink = true;
      if (::fstatat(fd, name, &st, 0) == 0) entry.kind = kind_of(st.st_mode);
    }
    entries.push_back(std::move(entry));
  }
  const int error = errno;
  ::closedir(dir);
  if (error != 0) return system_error(error);
  return entries;
}

std::string join_path(const std::string& folder, const std::string& name) {
  if (folder.empty()) return name;
  std::string path;
  path.reserve(folder.size() + 1 + name.size());
  path += folder;
  if (folder.back() != '/') path += '/';
  path += name;
  return path;
}

bool path_order_less(const std::string& a, const std::string& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) {
      if (a[i] == '/' || b[i] == '/') return a[i] == '/';
      return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    }
  return a.size() < b.size();
}

}  // namespace ipack
