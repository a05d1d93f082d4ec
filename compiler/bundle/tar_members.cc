#include "bundle/tar_members.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <libdeflate.h>

#include "base/digest.h"
#include "bundle/bundle_reader.h"

namespace ipack {
namespace {

constexpr size_t kBlock = 512;

uint64_t padded(uint64_t size) { return (size + kBlock - 1) / kBlock * kBlock; }

// An octal number in a field of `width` bytes: width - 1 digits, then a NUL.
void put_octal(char* field, size_t width, uint64_t value) {
  std::string digits = fmt::format("{:0{}o}", value, width - 1);
  std::memcpy(field, digits.data(), width - 1);
  field[width - 1] = '\0';
}

struct EntryPlan {
  BundleEntry* entry;
  uint64_t size;  // of its data, known before reading (the file's size when it is listed)
};

using Compressor = std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)>;

// Appends the file's bytes to `out`: at most `max_bytes` + 1, so that a larger file is seen as
// larger. Non-blocking, so that a FIFO is refused instead of waited on.
Status append_file(const std::filesystem::path& path, std::string& out, uint64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return Error{std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error{"it is not a regular file"};
  }
  size_t start = out.size();
  size_t want = static_cast<size_t>(std::min<uint64_t>(static_cast<uint64_t>(st.st_size), max_bytes)) + 1;
  for (;;) {
    size_t at = out.size();
    out.resize(at + want);
    ssize_t n = ::read(fd, out.data() + at, want);
    if (n < 0 && errno == EINTR) n = 0;
    if (n < 0) {
      Error why{std::strerror(errno)};
      ::close(fd);
      out.resize(at);
      return why;
    }
    out.resize(at + static_cast<size_t>(n));
    if (n == 0 || out.size() - start > max_bytes) break;
    want = 65536;
  }
  ::close(fd);
  return {};
}

// What one thread reuses from member to member.
struct Scratch {
  std::string tar;
  std::vector<char> compressed;
};

// One member holding `tar`, compressed into a buffer of the worst case and kept as the exact
// bytes: the members wait until pack.json, which comes first, is written.
std::string compressed(std::string_view tar, libdeflate_compressor* compressor, Scratch& scratch) {
  scratch.compressed.resize(libdeflate_gzip_compress_bound(compressor, tar.size()));
  size_t n = libdeflate_gzip_compress(compressor, tar.data(), tar.size(), scratch.compressed.data(),
                                      scratch.compressed.size());
  if (n == 0) throw std::logic_error("libdeflate_gzip_compress: the bound was too small");
  return std::string(scratch.compressed.data(), n);
}

// One member: the tar bytes of `plans`, each file read once, straight into the tar, and hashed
// there.
Result<std::string> member_of(const EntryPlan* plans, size_t count, int64_t mtime, bool end_of_archive,
                              libdeflate_compressor* compressor, Scratch& scratch) {
  uint64_t total = end_of_archive ? 2 * kBlock : 0;
  for (size_t i = 0; i < count; ++i) total += kBlock + padded(plans[i].size);
  std::string& tar = scratch.tar;
  tar.clear();
  tar.reserve(total + 1);  // + 1: a file that grew is read one byte past its listed size
  for (size_t i = 0; i < count; ++i) {
    BundleEntry& e = *plans[i].entry;
    size_t header_at = tar.size();
    tar.append(kBlock, '\0');
    size_t data_at = tar.size();
    if (e.file.empty()) {
      tar += e.content;
    } else {
      if (Status read = append_file(e.file, tar, plans[i].size); !read)
        return Error{fmt::format("cannot read {}: {}", e.file.string(), read.error())};
      std::string_view data(tar.data() + data_at, tar.size() - data_at);
      std::string digest = sha256_hex(data);
      // The file must still be what was listed (and digested, when it was): a change since
      // would put bytes in the bundle that pack.json does not describe.
      if (data.size() != plans[i].size || (!e.sha256.empty() && digest != e.sha256))
        return Error{fmt::format("{} changed while the bundle was being built", e.file.string())};
      e.sha256 = std::move(digest);
      e.size = data.size();
    }
    size_t size = tar.size() - data_at;
    auto header = ustar_header(e.name, size, mtime);
    if (!header) return Error{header.error()};
    tar.replace(header_at, kBlock, *header);
    tar.append(padded(size) - size, '\0');
  }
  if (end_of_archive) tar.append(2 * kBlock, '\0');
  return compressed(tar, compressor, scratch);
}

}  // namespace

bool cut_into_slices(const BundleEntry& entry) {
  return entry.file.empty() && kBlock + padded(entry.content.size()) > kTarMemberBytes;
}

Result<std::string> ustar_header(const std::string& name, uint64_t size, int64_t mtime) {
  char h[kBlock] = {};
  // A name over 100 bytes is split at a `/` into the prefix field (155) and the name field.
  std::string_view prefix, rest = name;
  if (name.size() > 100) {
    size_t slash = name.find('/', name.size() > 101 ? name.size() - 101 : 0);
    if (slash == std::string::npos || slash > 155 || slash == name.size() - 1)
      return Error{fmt::format("entry name \"{}\" is too long for a tar header", name)};
    prefix = std::string_view(name).substr(0, slash);
    rest = std::string_view(name).substr(slash + 1);
  }
  if (mtime < 0 || static_cast<uint64_t>(mtime) > 077777777777ull)
    return Error{fmt::format("the time {} cannot be stored in a tar header", mtime)};
  // memcpy of an empty view is still undefined when its data() is null (UBSan says so).
  if (!rest.empty()) std::memcpy(h, rest.data(), rest.size());
  put_octal(h + 100, 8, 0644);
  put_octal(h + 108, 8, 0);
  put_octal(h + 116, 8, 0);
  put_octal(h + 124, 12, size);
  put_octal(h + 136, 12, static_cast<uint64_t>(mtime));
  h[156] = '0';
  std::memcpy(h + 257, "ustar", 6);  // with its NUL
  std::memcpy(h + 263, "00", 2);
  put_octal(h + 329, 8, 0);
  put_octal(h + 337, 8, 0);
  if (!prefix.empty()) std::memcpy(h + 345, prefix.data(), prefix.size());
  // The checksum: the sum of the header's bytes with the checksum field as spaces.
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::string digits = fmt::format("{:06o}", sum);
  std::memcpy(h + 148, digits.data(), 6);
  h[154] = '\0';
  h[155] = ' ';
  return std::string(h, kBlock);
}

Result<std::vector<std::string>> tar_members(const std::vector<BundleEntry*>& entries, int64_t mtime, unsigned jobs,
                                             bool end_of_archive) {
  std::vector<EntryPlan> plans;
  plans.reserve(entries.size());
  for (BundleEntry* e : entries) {
    uint64_t size = e->content.size();
    if (!e->file.empty()) {
      struct stat st {};
      if (!e->sha256.empty())
        size = e->size;
      else if (::stat(e->file.c_str(), &st) == 0)
        size = static_cast<uint64_t>(st.st_size);
      else
        return Error{fmt::format("cannot read {}: {}", e->file.string(), std::strerror(errno))};
    }
    if (size > BundleLimits{}.max_entry_bytes)
      return Error{fmt::format("{} is over the {} MiB limit of a bundle's entry", e->name,
                               BundleLimits{}.max_entry_bytes >> 20)};
    plans.push_back({e, size});
  }
  // The runs: whole entries, cut once a run holds kTarMemberBytes; an entry made in memory that
  // is larger than that (pack.json of a large pack) is cut into slices of kSliceBytes, each a
  // member, so that it too is compressed on every thread. Sizes alone decide them.
  struct Run {
    size_t first, last;              // entries [first, last)
    uint64_t offset = 0, bytes = 0;  // a slice of sliced[first] when bytes > 0
  };
  std::vector<Run> runs;
  std::vector<std::string> sliced(plans.size());  // the whole tar bytes of each entry that is cut
  uint64_t in_run = 0;
  for (size_t i = 0; i < plans.size(); ++i) {
    uint64_t tar_bytes = kBlock + padded(plans[i].size);
    if (cut_into_slices(*plans[i].entry)) {
      const BundleEntry& e = *plans[i].entry;
      auto header = ustar_header(e.name, e.content.size(), mtime);
      if (!header) return Error{header.error()};
      std::string& tar = sliced[i];
      bool ends = end_of_archive && i + 1 == plans.size();
      tar.reserve(tar_bytes + (ends ? 2 * kBlock : 0));
      tar = std::move(header).take();
      tar += e.content;
      tar.append(tar_bytes - tar.size() + (ends ? 2 * kBlock : 0), '\0');
      for (uint64_t at = 0; at < tar.size(); at += kSliceBytes)
        runs.push_back({i, i + 1, at, std::min<uint64_t>(kSliceBytes, tar.size() - at)});
      in_run = kTarMemberBytes;  // the next entry starts a run of its own
      continue;
    }
    if (runs.empty() || in_run >= kTarMemberBytes) {
      runs.push_back({i, i});
      in_run = 0;
    }
    runs.back().last = i + 1;
    in_run += tar_bytes;
  }
  if (runs.empty() && end_of_archive) runs.push_back({0, 0});

  std::vector<Result<std::string>> members(runs.size(), Result<std::string>(std::string()));
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    Compressor compressor(libdeflate_alloc_compressor(kDeflateLevel), libdeflate_free_compressor);
    if (!compressor) throw std::bad_alloc();
    Compressor fast(nullptr, libdeflate_free_compressor);  // for slices, made at the first one
    Scratch scratch;
    for (size_t r = next++; r < runs.size() && !failed; r = next++) {
      const Run& run = runs[r];
      if (run.bytes > 0) {
        if (!fast && !(fast.reset(libdeflate_alloc_compressor(kSliceLevel)), fast)) throw std::bad_alloc();
        members[r] = compressed(std::string_view(sliced[run.first]).substr(run.offset, run.bytes), fast.get(), scratch);
      } else
        members[r] = member_of(plans.data() + run.first, run.last - run.first, mtime,
                               end_of_archive && r + 1 == runs.size(), compressor.get(), scratch);
      if (!members[r]) failed = true;
    }
  };
  unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(runs.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  std::vector<std::string> out;
  out.reserve(members.size());
  for (auto& m : members) {
    if (!m) return Error{m.error()};
    out.push_back(std::move(m).take());
  }
  return out;
}

}  // namespace ipack
