#include "bundle/bundle_reader.h"

#include "base/digest.h"
#include "bundle/pack_json_check.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <libdeflate.h>
#include <zlib.h>

namespace ipack {
namespace {

using Archive = std::unique_ptr<struct archive, int (*)(struct archive*)>;

// The bundle's gzip layer, read strictly so that a bundle verifies only when `gzip -t` and
// `tar -xzf` would read the same bytes: one or more gzip members (ipack writes several, see
// bundle/tar_members.h), each with a matching CRC and length, nothing after the last one, and
// (checked by finish) the tar archive's end and nothing but zeros after it. Counts the expanded
// bytes, tar headers included, against the bundle's total limit as they are produced.
//
// Two inflaters: a member with the plain 10-byte header ipack writes, that expands to at most
// kWholeOut bytes and whose CRC and length match, is inflated whole by libdeflate (about three
// times zlib's speed, its CRC-32 with carry-less multiplication); every other member, and any
// member libdeflate does not take in full, is inflated by zlib as a stream from its start, as
// before, which says what is wrong with it after the bytes before the fault. So zlib alone judges
// every bundle that is refused, and memory stays bounded whatever a member claims to hold.
class GzipInflater {
 public:
  GzipInflater(int fd, uint64_t max_bytes) : fd_(fd), max_bytes_(max_bytes) {}
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;
  ~GzipInflater() {
    if (started_) inflateEnd(&z_);
    if (whole_) libdeflate_free_decompressor(whole_);
    if (fd_ >= 0) ::close(fd_);
  }

  /// The next expanded bytes (0 at the gzip stream's end, -1 with error() on failure).
  la_ssize_t next(const void** data) {
    for (;;) {                       // until some bytes, the end or a failure: a member may expand to nothing
      if (whole_at_ < whole_len_) {  // the rest of a member libdeflate inflated
        size_t n = std::min(sizeof out_, whole_len_ - whole_at_);
        *data = whole_out_.get() + whole_at_;
        whole_at_ += n;
        if (whole_at_ == whole_len_ && !after_member()) return -1;
        return counted(*data, n);
      }
      *data = out_;
      if (ended_) return 0;
      if (!started_) {
        if (!fill(2)) return -1;
        if (end_ == pos_) return failed("the archive is truncated or corrupt: the gzip stream ends early");
        if (end_ - pos_ < 2 || in_[pos_] != 0x1f || in_[pos_ + 1] != 0x8b)
          return failed("the bundle is not gzip-compressed (a bundle is a .tar.gz)");
        if (inflateInit2(&z_, 15 + 16) != Z_OK) return failed("cannot start gzip");
        started_ = true;
      }
      if (at_member_start_) {
        if (!fill(kWholeIn)) return -1;
        if (inflate_whole()) {
          if (whole_len_ == 0 && !after_member()) return -1;
          continue;
        }
        at_member_start_ = false;  // zlib takes this member from its start
      }
      z_.next_out = out_;
      z_.avail_out = sizeof out_;
      // zlib's member, until it ends (after_member then says what follows).
      while (z_.avail_out == sizeof out_ && !at_member_start_ && !ended_) {
        if (pos_ == end_ && !fill(1)) return -1;
        if (pos_ == end_) return failed("the archive is truncated or corrupt: the gzip stream ends early");
        z_.next_in = in_.get() + pos_;
        z_.avail_in = static_cast<uInt>(std::min<size_t>(end_ - pos_, UINT32_MAX));
        int rc = inflate(&z_, Z_NO_FLUSH);
        pos_ = static_cast<size_t>(z_.next_in - in_.get());
        if (rc == Z_STREAM_END) {
          if (inflateReset(&z_) != Z_OK) return failed("cannot start gzip");
          if (!after_member()) return -1;  // the next member may go to libdeflate
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
          return failed(fmt::format("the archive is truncated or corrupt: {}", z_.msg ? z_.msg : "bad gzip data"));
        }
      }
      if (size_t n = sizeof out_ - z_.avail_out; n > 0) return counted(out_, n);
    }
  }

  /// At the gzip stream's end (next gave 0): whether the file goes on after it.
  bool data_after_stream() { return pos_ < end_ || (fill(1) && pos_ < end_); }
  /// Expanded bytes so far, and where the last non-zero one of them ends.
  uint64_t produced() const { return produced_; }
  uint64_t last_nonzero_end() const { return last_nonzero_end_; }

  const std::string& error() const { return error_; }

 private:
  static constexpr size_t kWholeOut = 2 << 20;           ///< the largest member libdeflate inflates whole
  static constexpr size_t kWholeIn = kWholeOut + 65536;  ///< compressed bytes held for it (stored blocks included)
  static constexpr size_t kIn = 2 * kWholeIn;

  // Compressed bytes in in_[pos_, end_): at least `want` of them unless the file ends first;
  // false on a read error. The buffer starts at the file's size (a small bundle takes a small
  // one, whatever is wanted), grows only when it is full, and at most to twice the most ever
  // wanted, so that the bytes left are moved to its front at most once per kWholeIn bytes read.
  // It is not zeroed: only the pages read into are touched.
  bool fill(size_t want) {
    if (end_ - pos_ >= want || eof_) return true;
    if (pos_ > 0 && capacity_ - pos_ < want) {
      std::memmove(in_.get(), in_.get() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    while (end_ - pos_ < want && !eof_) {
      if (end_ == capacity_) {  // full (or not made yet): the file's size first, then twice as much
        size_t capacity = kIn;
        if (capacity_ > 0) {
          capacity = std::min(kIn, 2 * capacity_);
        } else if (struct stat st{}; ::fstat(fd_, &st) == 0 && st.st_size >= 0) {
          capacity = std::min(kIn, std::max<size_t>(4096, static_cast<size_t>(st.st_size) + 1));
        }
        std::unique_ptr<unsigned char[]> grown(new unsigned char[capacity]);
        if (end_ > 0) std::memcpy(grown.get(), in_.get(), end_);
        in_ = std::move(grown);
        capacity_ = capacity;
      }
      ssize_t n = ::read(fd_, in_.get() + end_, capacity_ - end_);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        failed(std::strerror(errno));
        return false;
      }
      eof_ = n == 0;
      end_ += static_cast<size_t>(n);
    }
    return true;
  }

  // The member at pos_ inflated by libdeflate into whole_out_, when it has the plain header
  // and libdeflate reads all of it with its CRC and length right; false leaves it to zlib.
  bool inflate_whole() {
    const unsigned char* p = in_.get() + pos_;
    size_t avail = end_ - pos_;
    if (avail < 18 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8 || p[3] != 0) return false;
    if (!whole_ && !(whole_ = libdeflate_alloc_decompressor())) return false;
    // Room for what the member may expand to: kWholeOut, or less when the compressed bytes left
    // are few (a small bundle), with one more try at kWholeOut if that was not enough.
    size_t in_used = 0, out_len = 0;
    libdeflate_result result = LIBDEFLATE_INSUFFICIENT_SPACE;
    for (size_t room = std::min(kWholeOut, std::max<size_t>(65536, 16 * avail));; room = kWholeOut) {
      if (whole_capacity_ < room) {
        whole_out_.reset(new unsigned char[room]);  // not zeroed
        whole_capacity_ = room;
      }
      result = libdeflate_deflate_decompress_ex(whole_, p + 10, avail - 10, whole_out_.get(), whole_capacity_, &in_used,
                                                &out_len);
      if (result != LIBDEFLATE_INSUFFICIENT_SPACE || whole_capacity_ >= kWholeOut) break;
    }
    if (result != LIBDEFLATE_SUCCESS || 10 + in_used + 8 > avail) return false;
    auto le32 = [](const unsigned char* b) {
      return uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16 | uint32_t{b[3]} << 24;
    };
    const unsigned char* trailer = p + 10 + in_used;
    if (le32(trailer) != libdeflate_crc32(0, whole_out_.get(), out_len) ||
        le32(trailer + 4) != static_cast<uint32_t>(out_len))
      return false;
    pos_ += 10 + in_used + 8;
    whole_len_ = out_len;
    whole_at_ = 0;
    at_member_start_ = false;
    return true;
  }

  // After a member: another one may follow (a gzip magic number); anything else ends the
  // stream, and finish() refuses what is left. False on a read error.
  bool after_member() {
    if (!fill(2)) return false;
    at_member_start_ = end_ - pos_ >= 1 && in_[pos_] == 0x1f && (end_ - pos_ < 2 || in_[pos_ + 1] == 0x8b);
    ended_ = !at_member_start_;
    return true;
  }

  la_ssize_t counted(const void* data, size_t n) {
    produced_ += n;
    if (produced_ > max_bytes_) return failed(fmt::format("the bundle expands to over {} MiB", max_bytes_ >> 20));
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (size_t i = n; i > 0; --i)
      if (bytes[i - 1] != 0) {
        last_nonzero_end_ = produced_ - n + i;
        break;
      }
    return static_cast<la_ssize_t>(n);
  }

  la_ssize_t failed(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return -1;
  }

  int fd_;
  uint64_t max_bytes_;
  z_stream z_{};
  libdeflate_decompressor* whole_ = nullptr;
  bool started_ = false;
  bool ended_ = false;
  bool eof_ = false;
  bool at_member_start_ = true;          ///< at the first byte of a member that no inflater has begun
  std::unique_ptr<unsigned char[]> in_;  ///< capacity_ bytes, at most kIn
  size_t capacity_ = 0, pos_ = 0, end_ = 0;
  /// A member libdeflate inflated: whole_len_ bytes, handed out from whole_at_.
  std::unique_ptr<unsigned char[]> whole_out_;
  size_t whole_capacity_ = 0, whole_len_ = 0, whole_at_ = 0;
  uint64_t produced_ = 0;
  uint64_t last_nonzero_end_ = 0;
  std::string error_;
  unsigned char out_[1 << 16];
};

// The gzip layer inflated on a thread of its own, a few chunks ahead of the tar reader that
// consumes it (inflating is about a third of reading a bundle). What the reader sees is what
// one thread would see: the same bytes, and an error only once the bytes before it are read,
// so that a bundle broken in two places is reported for the first one, as before.
class StrictGzip {
 public:
  StrictGzip(int fd, uint64_t max_bytes) : inflater_(fd, max_bytes), thread_([this] { produce(); }) {}
  StrictGzip(const StrictGzip&) = delete;
  StrictGzip& operator=(const StrictGzip&) = delete;
  ~StrictGzip() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cancelled_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  /// The next expanded bytes (0 at the gzip stream's end, -1 with error() on failure).
  la_ssize_t next(const void** data) {
    *data = current_.data.data();
    if (status_ == 0) {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty(); });
      current_ = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      changed_.notify_all();
      *data = current_.data.data();
      status_ = current_.status;  // what follows these bytes, told at the next call if there are any
      if (!current_.data.empty()) return static_cast<la_ssize_t>(current_.data.size());
    }
    current_.data.clear();
    if (status_ > 0) return 0;
    if (error_.empty()) error_ = current_.error;
    return -1;
  }

  /// After the last entry (whose data and padding end `entries_end` expanded bytes in): the
  /// tar archive's end (two zero blocks) must follow, then nothing but zeros, and the file must
  /// end where the last gzip member does. Without the check for the end, a bundle cut at a
  /// member's boundary would read as a shorter archive.
  bool finish(uint64_t entries_end) {
    const void* data;
    for (la_ssize_t n; (n = next(&data)) != 0;)
      if (n < 0) return false;
    std::lock_guard<std::mutex> lock(mutex_);  // the producer has ended: its figures are final
    if (inflater_.last_nonzero_end() > entries_end) {
      error_ = "the bundle has data after the end of its tar archive";
      return false;
    }
    if (inflater_.produced() < entries_end + 1024) {
      error_ = "the archive is truncated or corrupt: the tar archive has no end";
      return false;
    }
    if (data_after_stream_) {
      error_ = "the bundle has data after the end of its gzip stream";
      return false;
    }
    return true;
  }

  const std::string& error() const { return error_; }

 private:
  struct Chunk {
    std::string data;
    int status = 0;  ///< after `data`: 0 more follows, 1 the stream's end, -1 `error`
    std::string error;
  };
  static constexpr size_t kChunk = 256 * 1024;
  static constexpr size_t kAhead = 4;  ///< chunks inflated ahead of the reader at most

  void produce() {
    for (;;) {
      Chunk chunk;
      chunk.data.reserve(kChunk);
      while (chunk.data.size() < kChunk && chunk.status == 0) {
        const void* data;
        la_ssize_t n = inflater_.next(&data);
        if (n > 0) chunk.data.append(static_cast<const char*>(data), static_cast<size_t>(n));
        if (n < 0) chunk.status = -1, chunk.error = inflater_.error();
        if (n == 0) chunk.status = 1;
      }
      bool last = chunk.status != 0;
      std::unique_lock<std::mutex> lock(mutex_);
      if (last && chunk.status > 0) data_after_stream_ = inflater_.data_after_stream();
      changed_.wait(lock, [&] { return cancelled_ || queue_.size() < kAhead; });
      if (cancelled_) return;
      queue_.push_back(std::move(chunk));
      lock.unlock();
      changed_.notify_all();
      if (last) return;
    }
  }

  GzipInflater inflater_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> queue_;
  bool cancelled_ = false;
  bool data_after_stream_ = false;
  // The reader's side.
  Chunk current_;
  int status_ = 0;
  std::string error_;
  std::thread thread_;  // last: it starts once everything it uses is made
};

la_ssize_t read_expanded(struct archive*, void* source, const void** data) {
  return static_cast<StrictGzip*>(source)->next(data);
}

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

// Checks pack.json's text against the limits, parses it into `contents.pack` and checks its
// shape: why it is refused, or "".
std::string parse_pack_json(BundleContents& contents, const BundleLimits& limits) {
  if (std::string why = pack_json_text_problem(contents.pack_json, limits.pack_json); !why.empty()) return why;
  contents.pack = nlohmann::json::parse(contents.pack_json, nullptr, false);
  if (contents.pack.is_discarded()) return "pack.json is not valid JSON";
  return pack_json_shape_problem(contents.pack);
}

}  // namespace

Result<BundleContents> read_bundle(const std::filesystem::path& bundle, const BundleLimits& limits,
                                   const std::function<bool(const std::string&)>& keep_entry) {
  int fd = ::open(bundle.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return fail(fmt::format("cannot open it: {}", std::strerror(errno)));
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return fail("it is not a regular file");
  }
  StrictGzip gzip(fd, limits.max_total_bytes);
  Archive a(archive_read_new(), archive_read_free);
  archive_read_support_format_tar(a.get());
  // The reason: ours when the gzip layer failed, else libarchive's (which may have none).
  auto corrupt = [&]() -> Error {
    if (!gzip.error().empty()) return fail(gzip.error());
    const char* why = archive_error_string(a.get());
    return fail(fmt::format("the archive is truncated or corrupt: {}", why ? why : "unreadable tar data"));
  };
  if (archive_read_open(a.get(), &gzip, nullptr, read_expanded, nullptr) != ARCHIVE_OK) return corrupt();

  BundleContents contents;
  std::future<std::string> pack;  // declared after contents: destroyed, and so waited for, first
  std::set<std::string> seen;
  bool has_pack_json = false;
  uint64_t entries_end = 0;  // in the expanded stream: where the last entry's padding ends
  struct archive_entry* entry = nullptr;
  for (;;) {
    int status = archive_read_next_header(a.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK) return corrupt();
    const char* raw_name = archive_entry_pathname(entry);
    std::string name = raw_name ? raw_name : "";
    if (name.size() > limits.max_name_bytes)
      return fail(fmt::format("an entry's name is over {} bytes", limits.max_name_bytes));
    if (std::string why = unsafe_name(name); !why.empty()) return fail(why);
    if (archive_entry_hardlink(entry)) return fail(fmt::format("entry \"{}\" is a hard link", name));
    if (archive_entry_filetype(entry) != AE_IFREG)
      return fail(fmt::format("entry \"{}\" is {}", name, kind_of_entry(archive_entry_filetype(entry))));
    if (archive_entry_sparse_count(entry) > 0) return fail(fmt::format("entry \"{}\" is a sparse file", name));
    if (seen.size() >= limits.max_entries)
      return fail(fmt::format("the bundle has over {} entries", limits.max_entries));
    if (!seen.insert(name).second) return fail(fmt::format("entry \"{}\" appears twice", name));
    la_int64_t declared = archive_entry_size(entry);
    if (declared < 0 || static_cast<uint64_t>(declared) > limits.max_entry_bytes)
      return fail(fmt::format("entry \"{}\" is over the {} MiB limit", name, limits.max_entry_bytes >> 20));
    bool keep = name == "pack.json" || name == "pack.sig";
    bool keep_copy = !keep && keep_entry && keep_entry(name);
    if (name == "pack.json" && static_cast<uint64_t>(declared) > limits.pack_json.max_bytes)
      return fail(fmt::format("pack.json is over the {} MiB limit", limits.pack_json.max_bytes >> 20));
    if (name == "pack.sig" && declared > 1024) return fail("pack.sig is not an Ed25519 signature");

    Sha256 hash;
    std::string kept;
    uint64_t size = 0;
    for (;;) {
      // The data where libarchive holds it, not copied out (a sparse entry, whose blocks would
      // not follow each other, was refused above).
      const void* block = nullptr;
      size_t n = 0;
      la_int64_t offset = 0;
      int read = archive_read_data_block(a.get(), &block, &n, &offset);
      if (read == ARCHIVE_EOF) break;
      if (read != ARCHIVE_OK) return corrupt();
      if (offset < 0 || static_cast<uint64_t>(offset) != size)
        return fail(fmt::format("entry \"{}\" is a sparse file", name));
      size += n;
      if (size > static_cast<uint64_t>(declared))
        return fail(fmt::format("entry \"{}\" is over its declared size", name));
      std::string_view data(static_cast<const char*>(block), n);
      if (keep || keep_copy) kept += data;
      if (!keep) hash.update(data);
    }
    if (size != static_cast<uint64_t>(declared))
      return fail(fmt::format("entry \"{}\" is shorter than its declared size", name));
    entries_end = (static_cast<uint64_t>(archive_filter_bytes(a.get(), 0)) + 511) / 512 * 512;
    if (name == "pack.json") {
      contents.pack_json = std::move(kept);
      has_pack_json = true;
      // Checked and parsed on another thread while the entries after it are hashed.
      pack = std::async(std::launch::async, [&contents, &limits] { return parse_pack_json(contents, limits); });
    } else if (name == "pack.sig") {
      contents.signature = std::move(kept);
    } else {
      contents.entries[name] = {hash.hex(), size};
      if (keep_copy) contents.kept[name] = std::move(kept);
    }
  }
  if (!gzip.finish(entries_end)) return corrupt();
  if (!has_pack_json) return fail("the bundle has no pack.json");
  if (std::string why = pack.get(); !why.empty()) return fail(why);
  return contents;
}

Result<std::string> verify_bundle(const BundleContents& c, const std::vector<PublicKey>& keys, bool allow_unsigned) {
  std::string verified_by;
  if (std::string why = pack_json_shape_problem(c.pack); !why.empty()) return Error{why};
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
