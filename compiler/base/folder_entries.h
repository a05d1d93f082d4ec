#pragma once
/// Listing one folder with readdir: each entry's kind from the type the folder records for it,
/// so that a walk over a pack's exports asks the system nothing per plain file or folder. One
/// `stat` is made only for a symbolic link (to learn what it points at) and for a file system
/// that records no types. std::filesystem's iterator makes a path, and parses it, per entry.

#include <string>
#include <vector>

#include "base/result.h"

namespace ipack {

struct FolderEntry {
  enum Kind { kFolder, kFile, kOther };
  std::string name;
  Kind kind = kOther;    ///< of what the entry names, a symbolic link followed (a broken one: kOther)
  bool symlink = false;  ///< the entry itself is a symbolic link
};

/// The entries of `folder` but `.` and `..`, in the order the folder gives them. The error is
/// the system's reason (e.g. "Permission denied"), as std::filesystem words it.
Result<std::vector<FolderEntry>> list_folder(const std::string& folder);

/// `folder` + `/` + `name`, as std::filesystem's `/` joins them: no second `/` after a folder
/// that ends in one.
std::string join_path(const std::string& folder, const std::string& name);

/// Whether path `a` comes before `b` in path order, part by part (what comparing
/// std::filesystem::path gives): the text compared byte by byte with `/` below every other byte.
/// For paths made by join_path from one folder, without splitting each into parts.
bool path_order_less(const std::string& a, const std::string& b);

}  // namespace ipack
