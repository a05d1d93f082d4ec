#include "bundle/bundle_writer.h"

#include <stdexcept>

#include <fmt/format.h>

#include "bundle/bundle_reader.h"
#include "bundle/canonical_json.h"
#include "bundle/tar_members.h"

namespace ipack {

Result<BundleWriter> BundleWriter::open(const std::filesystem::path& target) {
  auto file = PendingFile::create_beside(target);
  if (!file) return Error{fmt::format("cannot create a file beside {}: {}", target.string(), file.error())};
  return BundleWriter(target, std::move(file).take());
}

Status BundleWriter::add_files(std::vector<BundleEntry>& entries, int64_t built_at, unsigned jobs) {
  std::vector<BundleEntry*> files;
  for (BundleEntry& e : entries)
    if (!e.file.empty()) files.push_back(&e);
  if (files.empty()) return {};
  auto members = tar_members(files, built_at, jobs, false);
  if (!members) return Error{members.error()};
  made_[files.front()->name] = {files.size(), std::move(members).take()};
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
  std::vector<std::vector<std::string>> parts;
  std::vector<BundleEntry*> pending;
  auto flush = [&](bool end_of_archive) -> Status {
    if (pending.empty() && !end_of_archive) return {};
    auto members = tar_members(pending, built_at, jobs, end_of_archive);
    if (!members) return Error{members.error()};
    parts.push_back(std::move(members).take());
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
    size_t run = made->second.first;
    for (size_t k = i; k < i + run; ++k)
      if (k >= compiled.entries.size() || compiled.entries[k].file.empty() || compiled.entries[k].sha256.empty())
        throw std::logic_error("BundleWriter: the entries add_files took moved");
    parts.push_back(std::move(made->second.second));
    i += run;
  }
  if (Status flushed = flush(true); !flushed) return flushed;

  uint64_t total = 0;
  for (const auto& e : compiled.entries) total += e.size + 1024;  // with its tar header
  nlohmann::json files = nlohmann::json::object();
  for (const auto& e : compiled.entries) files[e.name] = {{"sha256", e.sha256}, {"size", e.size}};
  compiled.pack["files"] = files;
  compiled.pack["signer"] = key ? nlohmann::json(key->public_key().key_id()) : nlohmann::json(nullptr);
  if (source) compiled.pack["source"] = {{"commit", source->commit}, {"clean", source->clean}};
  BundleEntry pack_json{"pack.json", canonical_json(compiled.pack), {}, "", 0};
  total += pack_json.content.size();
  if (total > limits.max_total_bytes)
    return Error{fmt::format("the bundle would hold over {} MiB", limits.max_total_bytes >> 20)};
  if (std::string why = pack_json_text_problem(pack_json.content, limits.pack_json); !why.empty()) return Error{why};
  std::vector<BundleEntry*> head{&pack_json};
  BundleEntry signature{"pack.sig", "", {}, "", 0};
  if (key) {
    signature.content = key->sign(pack_json.content);
    head.push_back(&signature);
  }
  auto head_members = tar_members(head, built_at, jobs, false);
  if (!head_members) return Error{head_members.error()};

  parts.insert(parts.begin(), std::move(head_members).take());
  for (const auto& members : parts)
    for (const std::string& m : members)
      if (Status wrote = file_.write(m); !wrote) return Error{fmt::format("cannot write: {}", wrote.error())};
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
