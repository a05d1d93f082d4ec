#include "bundle/bundle_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>

#include "base/atomic_file.h"
#include "bundle/bundle_reader.h"
#include "bundle/canonical_json.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <unistd.h>

namespace ipack {
namespace {

using Archive = std::unique_ptr<struct archive, int (*)(struct archive*)>;
using Entry = std::unique_ptr<struct archive_entry, void (*)(struct archive_entry*)>;

Status add(struct archive* a, const std::string& name, uint64_t size, int64_t built_at,
           const std::function<bool(struct archive*)>& write_data) {
  Entry e(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(e.get(), name.c_str());
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0644);
  archive_entry_set_mtime(e.get(), built_at, 0);
  archive_entry_set_uid(e.get(), 0);
  archive_entry_set_gid(e.get(), 0);
  archive_entry_set_uname(e.get(), "");
  archive_entry_set_gname(e.get(), "");
  if (archive_write_header(a, e.get()) != ARCHIVE_OK) return Error{archive_error_string(a)};
  if (!write_data(a)) return Error{archive_error_string(a) ? archive_error_string(a) : "write failed"};
  return {};
}

bool write_all(struct archive* a, std::string_view data) {
  while (!data.empty()) {
    la_ssize_t n = archive_write_data(a, data.data(), data.size());
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

Status write_archive(const std::filesystem::path& target, const std::string& pack_json,
                     const std::optional<std::string>& signature, const std::vector<BundleEntry>& entries,
                     int64_t built_at) {
  auto file = PendingFile::create_beside(target);
  if (!file) return Error{fmt::format("cannot create a file beside {}: {}", target.string(), file.error())};
  int fd = file->fd();

  Archive a(archive_write_new(), archive_write_free);
  archive_write_set_format_ustar(a.get());
  archive_write_add_filter_gzip(a.get());
  // No time in the gzip header (libarchive writes the current time unless told not to).
  archive_write_set_filter_option(a.get(), "gzip", "timestamp", nullptr);
  archive_write_set_bytes_in_last_block(a.get(), 1);
  if (archive_write_open_fd(a.get(), fd) != ARCHIVE_OK) return Error{archive_error_string(a.get())};
  Status written =
      add(a.get(), "pack.json", pack_json.size(), built_at, [&](struct archive* w) { return write_all(w, pack_json); });
  if (written && signature)
    written = add(a.get(), "pack.sig", signature->size(), built_at,
                  [&](struct archive* w) { return write_all(w, *signature); });
  for (const BundleEntry& e : entries) {
    if (!written) break;
    written = add(a.get(), e.name, e.size, built_at, [&](struct archive* w) {
      if (e.file.empty()) return write_all(w, e.content);
      std::ifstream in(e.file, std::ios::binary);
      char chunk[1 << 16];
      uint64_t written = 0;
      while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        if (!write_all(w, std::string_view(chunk, static_cast<size_t>(in.gcount())))) return false;
        written += static_cast<uint64_t>(in.gcount());
      }
      // The file must still be what was digested: a change since would break the signature.
      return !in.bad() && written == e.size;
    });
    if (!written) written = Error{fmt::format("{}: {}", e.name, written.error())};
  }
  if (written && archive_write_close(a.get()) != ARCHIVE_OK) written = Error{archive_error_string(a.get())};
  a.reset();  // freeing may still write: before the file is committed
  if (!written) return written;
  if (Status placed = file->commit(); !placed)
    return Error{fmt::format("cannot write {}: {}", target.string(), placed.error())};
  return {};
}

}  // namespace

Status write_bundle(const std::filesystem::path& target, CompiledPack compiled, const PrivateKey* key,
                    const std::optional<GitSource>& source, int64_t built_at) {
  nlohmann::json files = nlohmann::json::object();
  for (const auto& e : compiled.entries) files[e.name] = {{"sha256", e.sha256}, {"size", e.size}};
  compiled.pack["files"] = files;
  compiled.pack["signer"] = key ? nlohmann::json(key->public_key().key_id()) : nlohmann::json(nullptr);
  if (source) compiled.pack["source"] = {{"commit", source->commit}, {"clean", source->clean}};
  std::string pack_json = canonical_json(compiled.pack);
  // Never write what verify would refuse.
  const BundleLimits limits;
  size_t count = compiled.entries.size() + 1 + (key ? 1 : 0);
  if (count > limits.max_entries)
    return Error{fmt::format("the bundle would hold {} entries; a bundle holds at most {}", count, limits.max_entries)};
  uint64_t total = pack_json.size();
  for (const auto& e : compiled.entries) {
    if (e.name.size() > limits.max_name_bytes)
      return Error{fmt::format("entry name \"{}\" is over {} bytes", e.name, limits.max_name_bytes)};
    if (e.size > limits.max_entry_bytes)
      return Error{
          fmt::format("{} is over the {} MiB limit of a bundle's entry", e.name, limits.max_entry_bytes >> 20)};
    total += e.size + 1024;  // with its tar header
  }
  if (total > limits.max_total_bytes)
    return Error{fmt::format("the bundle would hold over {} MiB", limits.max_total_bytes >> 20)};
  if (std::string why = pack_json_text_problem(pack_json, limits.pack_json); !why.empty()) return Error{why};
  std::optional<std::string> signature;
  if (key) signature = key->sign(pack_json);
  return write_archive(target, pack_json, signature, compiled.entries, built_at);
}

}  // namespace ipack
