#include "bundle/bundle_reader.h"

#include "base/digest.h"

#include <memory>
#include <set>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

namespace ipack {
namespace {

using Archive = std::unique_ptr<struct archive, int (*)(struct archive*)>;

// An entry name that could escape a folder it is extracted into, or is not a plain path.
std::string unsafe_name(const std::string& name) {
  if (name.empty()) return "an entry has an empty name";
  if (name[0] == '/') return fmt::format("entry \"{}\" has an absolute name", name);
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    std::string part = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") return fmt::format("entry \"{}\" climbs out with ..", name);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (name.find('\\') != std::string::npos) return fmt::format("entry \"{}\" has a backslash in its name", name);
  return "";
}

const char* kind_of_entry(mode_t type) {
  switch (type) {
    case AE_IFLNK: return "a symbolic link";
    case AE_IFDIR: return "a folder";
    case AE_IFCHR:
    case AE_IFBLK: return "a device";
    case AE_IFIFO: return "a FIFO";
    case AE_IFSOCK: return "a socket";
    default: return "not a regular file";
  }
}

Error fail(std::string why) { return Error{std::move(why)}; }

}  // namespace

Result<BundleContents> read_bundle(const std::filesystem::path& bundle, const BundleLimits& limits,
                                   const std::function<bool(const std::string&)>& keep_entry) {
  Archive a(archive_read_new(), archive_read_free);
  archive_read_support_filter_gzip(a.get());
  archive_read_support_format_tar(a.get());
  if (archive_read_open_filename(a.get(), bundle.c_str(), 1 << 16) != ARCHIVE_OK)
    return fail(fmt::format("the archive is truncated or corrupt: {}", archive_error_string(a.get())));

  BundleContents contents;
  std::set<std::string> seen;
  uint64_t total = 0;
  bool has_pack_json = false;
  struct archive_entry* entry = nullptr;
  for (;;) {
    int status = archive_read_next_header(a.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK)
      return fail(fmt::format("the archive is truncated or corrupt: {}", archive_error_string(a.get())));
    std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    if (std::string why = unsafe_name(name); !why.empty()) return fail(why);
    if (archive_entry_hardlink(entry)) return fail(fmt::format("entry \"{}\" is a hard link", name));
    if (archive_entry_filetype(entry) != AE_IFREG)
      return fail(fmt::format("entry \"{}\" is {}", name, kind_of_entry(archive_entry_filetype(entry))));
    if (!seen.insert(name).second) return fail(fmt::format("entry \"{}\" appears twice", name));
    if (seen.size() > limits.max_entries) return fail(fmt::format("the bundle has over {} entries", limits.max_entries));
    la_int64_t declared = archive_entry_size(entry);
    if (declared < 0 || static_cast<uint64_t>(declared) > limits.max_entry_bytes)
      return fail(fmt::format("entry \"{}\" is over the {} MiB limit", name, limits.max_entry_bytes >> 20));
    bool keep = name == "pack.json" || name == "pack.sig";
    bool keep_copy = !keep && keep_entry && keep_entry(name);
    if (name == "pack.json" && static_cast<uint64_t>(declared) > limits.max_pack_json_bytes)
      return fail(fmt::format("pack.json is over the {} MiB limit", limits.max_pack_json_bytes >> 20));
    if (name == "pack.sig" && declared > 1024) return fail("pack.sig is not an Ed25519 signature");

    Sha256 hash;
    std::string kept;
    uint64_t size = 0;
    char chunk[1 << 16];
    for (;;) {
      la_ssize_t n = archive_read_data(a.get(), chunk, sizeof chunk);
      if (n < 0) return fail(fmt::format("the archive is truncated or corrupt: {}", archive_error_string(a.get())));
      if (n == 0) break;
      size += static_cast<uint64_t>(n);
      total += static_cast<uint64_t>(n);
      if (size > limits.max_entry_bytes) return fail(fmt::format("entry \"{}\" is over its declared size", name));
      if (total > limits.max_total_bytes)
        return fail(fmt::format("the bundle holds over {} GiB", limits.max_total_bytes >> 30));
      if (keep || keep_copy) kept.append(chunk, static_cast<size_t>(n));
      if (!keep) hash.update(std::string_view(chunk, static_cast<size_t>(n)));
    }
    if (name == "pack.json") {
      contents.pack_json = std::move(kept);
      has_pack_json = true;
    } else if (name == "pack.sig") {
      contents.signature = std::move(kept);
    } else {
      contents.entries[name] = {hash.hex(), size};
      if (keep_copy) contents.kept[name] = std::move(kept);
    }
  }
  if (!has_pack_json) return fail("the bundle has no pack.json");
  contents.pack = nlohmann::json::parse(contents.pack_json, nullptr, false);
  if (contents.pack.is_discarded() || !contents.pack.is_object()) return fail("pack.json is not a JSON object");
  return contents;
}

Result<std::string> verify_bundle(const BundleContents& c, const std::vector<PublicKey>& keys, bool allow_unsigned) {
  std::string verified_by;
  const auto format = c.pack.find("format");
  if (format == c.pack.end() || *format != "ipack-bundle/1")
    return Error{fmt::format("unknown bundle format {}; this ipack reads ipack-bundle/1",
                             format == c.pack.end() ? "(none)" : format->dump())};
  if (!c.signature) {
    if (!allow_unsigned) return Error{"the bundle is unsigned (pass --allow-unsigned to accept that)"};
  } else {
    for (const auto& key : keys)
      if (key.verify(c.pack_json, *c.signature)) verified_by = key.key_id();
    if (verified_by.empty())
      return Error{keys.size() == 1 ? fmt::format("the signature does not match key {}", keys[0].key_id())
                                    : fmt::format("the signature matches none of the {} keys given", keys.size())};
  }
  const auto files = c.pack.find("files");
  if (files == c.pack.end() || !files->is_object()) return Error{"pack.json lists no files"};
  for (const auto& [name, digest] : files->items()) {
    auto it = c.entries.find(name);
    if (it == c.entries.end()) {
      // The same bytes under a name pack.json does not list: the entry was renamed.
      for (const auto& [other, d] : c.entries)
        if (!files->contains(other) && digest.is_object() && digest.value("sha256", "") == d.sha256)
          return Error{fmt::format("entry \"{}\" was renamed to \"{}\"", name, other)};
      return Error{fmt::format("entry \"{}\" is listed in pack.json but missing", name)};
    }
    if (!digest.is_object() || digest.value("sha256", "") != it->second.sha256 ||
        digest.value("size", uint64_t{0}) != it->second.size)
      return Error{fmt::format("entry \"{}\" differs from what pack.json records (size or SHA-256)", name)};
  }
  for (const auto& [name, digest] : c.entries)
    if (!files->contains(name)) return Error{fmt::format("entry \"{}\" is not listed in pack.json", name)};
  return verified_by;
}

}  // namespace ipack
