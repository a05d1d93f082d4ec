#include "bundle/bundle_writer.h"

#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <future>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "bundle/bundle_reader.h"
#include "bundle/canonical_json.h"
#include "bundle/tar_members.h"

namespace ipack {

namespace {

Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Error{std::strerror(n < 0 ? errno : EIO)};
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

}  // namespace

Result<BundleWriter> BundleWriter::open(const std::filesystem::path& target) {
  auto file = PendingFile::create_beside(target);
  if (!file) return Error{fmt::format("cannot create a file beside {}: {}", target.string(), file.error())};
  // The compressed exports wait in a file no one can open (it has no name) until pack.json,
  // which needs their digests and comes first, is written: build's memory stays flat.
  std::filesystem::path folder = target.parent_path().empty() ? "." : target.parent_path();
  int spill = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (spill < 0) {
    std::string name = (folder / ".ipack-spill-XXXXXX").string();
    spill = ::mkostemp(name.data(), O_CLOEXEC);
    if (spill >= 0) ::unlink(name.c_str());
  }
  if (spill < 0) return Error{fmt::format("cannot create a file beside {}: {}", target.string(), std::strerror(errno))};
  return BundleWriter(target, std::move(file).take(), spill);
}

BundleWriter::BundleWriter(BundleWriter&& other) noexcept
    : target_(std::move(other.target_)),
      file_(std::move(other.file_)),
      spill_(std::exchange(other.spill_, -1)),
      spilled_(other.spilled_),
      made_(std::move(other.made_)) {}

BundleWriter::~BundleWriter() {
  if (spill_ >= 0) ::close(spill_);
}

Status BundleWriter::add_files(std::vector<BundleEntry>& entries, int64_t built_at, unsigned jobs) {
  std::vector<BundleEntry*> files;
  for (BundleEntry& e : entries)
    if (!e.file.empty()) files.push_back(&e);
  if (files.empty()) return {};
  auto members = tar_members(files, built_at, jobs, false);
  // Give the threads' buffers back (glibc keeps a freed arena's memory otherwise): pack.json
  // is made after the exports' members, and peak memory would be the sum.
  ::malloc_trim(0);
  if (!members) return Error{members.error()};
  Made made{files.size(), spilled_, 0};
  for (const std::string& m : *members) {
    if (Status wrote = write_all(spill_, m); !wrote) return Error{fmt::format("cannot write: {}", wrote.error())};
    made.bytes += m.size();
  }
  spilled_ += made.bytes;
  made_[files.front()->name] = made;
  return {};
}

Status BundleWriter::finish(CompiledPack compiled, const PrivateKey* key, const std::optional<GitSource>& source,
                            int64_t built_at, unsigned jobs) {
  // Never write what verify would refuse.
  const BundleLimits limits;
  size_t count = compiled.entries.size() + 1 + (key ? 1 : 0);
  if (count > limits.max_entries)
    return Error{fmt::format("the bundle would hold {} entries; a bundle holds at most {}", count, limits.max_entries)};
  for (const auto& e : compiled.entries)
    if (e.name.size() > limits.max_name_bytes)
      return Error{fmt::format("entry name \"{}\" is over {} bytes", e.name, limits.max_name_bytes)};

  // The members, in the bundle's order: pack.json and pack.sig, then the entries by name, runs
  // that add_files made as they are, the rest compressed here.
  struct Part {
    std::vector<std::string> members;  // made here
    const Made* spilled = nullptr;     // or made by add_files
  };
  std::vector<Part> parts;
  std::vector<BundleEntry*> pending;
  auto flush = [&](bool end_of_archive) -> Status {
    if (pending.empty() && !end_of_archive) return {};
    auto members = tar_members(pending, built_at, jobs, end_of_archive);
    if (!members) return Error{members.error()};
    parts.push_back({std::move(members).take(), nullptr});
    pending.clear();
    return {};
  };
  for (size_t i = 0; i < compiled.entries.size();) {
    auto made = made_.find(compiled.entries[i].name);
    if (made == made_.end()) {
      pending.push_back(&compiled.entries[i++]);
      continue;
    }
    if (Status flushed = flush(false); !flushed) return flushed;
    size_t run = made->second.entries;
    for (size_t k = i; k < i + run; ++k)
      if (k >= compiled.entries.size() || compiled.entries[k].file.empty() || compiled.entries[k].sha256.empty())
        throw std::logic_error("BundleWriter: the entries add_files took moved");
    parts.push_back({{}, &made->second});
    i += run;
  }
  if (Status flushed = flush(true); !flushed) return flushed;

  uint64_t total = 0;
  for (const auto& e : compiled.entries) total += e.size + 1024;  // with its tar header
  nlohmann::json files = nlohmann::json::object();
  for (const auto& e : compiled.entries) {
    nlohmann::json& file = files[e.name];
    file["sha256"] = e.sha256;
    file["size"] = e.size;
  }
  compiled.pack["files"] = std::move(files);
  compiled.pack["signer"] = key ? nlohmann::json(key->public_key().key_id()) : nlohmann::json(nullptr);
  if (source) compiled.pack["source"] = {{"commit", source->commit}, {"clean", source->clean}};
  BundleEntry pack_json{"pack.json", canonical_json(compiled.pack), {}, "", 0};
  compiled.pack = nlohmann::json();  // the closures are text already; the rest is small
  total += pack_json.content.size();
  if (total > limits.max_total_bytes)
    return Error{fmt::format("the bundle would hold over {} MiB", limits.max_total_bytes >> 20)};
  if (std::string why = pack_json_text_problem(pack_json.content, limits.pack_json); !why.empty()) return Error{why};
  BundleEntry signature{"pack.sig", "", {}, "", 0};
  Result<std::vector<std::string>> head_members = std::vector<std::string>();
  if (key && cut_into_slices(pack_json)) {
    // pack.json's slices are members of their own: they are compressed while it is signed, and
    // pack.sig's member follows them, the same members as from one call.
    auto signing = std::async(std::launch::async, [&] { signature.content = key->sign(pack_json.content); });
    head_members = tar_members({&pack_json}, built_at, jobs, false);
    signing.get();
    if (!head_members) return Error{head_members.error()};
    auto signature_member = tar_members({&signature}, built_at, jobs, false);
    if (!signature_member) return Error{signature_member.error()};
    for (std::string& m : *signature_member) head_members->push_back(std::move(m));
  } else {
    std::vector<BundleEntry*> head{&pack_json};
    if (key) {
      signature.content = key->sign(pack_json.content);
      head.push_back(&signature);
    }
    head_members = tar_members(head, built_at, jobs, false);
    if (!head_members) return Error{head_members.error()};
  }

  parts.insert(parts.begin(), Part{std::move(head_members).take(), nullptr});
  std::string chunk;
  for (const Part& part : parts) {
    for (const std::string& m : part.members)
      if (Status wrote = file_.write(m); !wrote) return Error{fmt::format("cannot write: {}", wrote.error())};
    if (!part.spilled) continue;
    for (uint64_t at = 0; at < part.spilled->bytes;) {
      chunk.resize(static_cast<size_t>(std::min<uint64_t>(part.spilled->bytes - at, 1 << 20)));
      ssize_t n = ::pread(spill_, chunk.data(), chunk.size(), static_cast<off_t>(part.spilled->offset + at));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0)
        return Error{fmt::format("cannot read back the compressed exports: {}", std::strerror(n < 0 ? errno : EIO))};
      chunk.resize(static_cast<size_t>(n));
      if (Status wrote = file_.write(chunk); !wrote) return Error{fmt::format("cannot write: {}", wrote.error())};
      at += static_cast<uint64_t>(n);
    }
  }
  if (Status placed = file_.commit(); !placed)
    return Error{fmt::format("cannot write {}: {}", target_.string(), placed.error())};
  return {};
}

Status write_bundle(const std::filesystem::path& target, CompiledPack compiled, const PrivateKey* key,
                    const std::optional<GitSource>& source, int64_t built_at, unsigned jobs) {
  auto writer = BundleWriter::open(target);
  if (!writer) return Error{writer.error()};
  return writer->finish(std::move(compiled), key, source, built_at, jobs);
}

}  // namespace ipack
