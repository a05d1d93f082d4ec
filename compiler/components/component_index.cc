#include "components/component_index.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "base/folder_entries.h"
#include "base/read_file.h"
#include "base/rule_ids.h"
#include "components/export_reader.h"
#include "input/discovery.h"

namespace ipack {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& path, const fs::path& root) {
  auto mismatch = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return mismatch.first == root.end();
}

// Whether a file name has the extension .xml (what `extension()` gives: not a name that is
// only ".xml").
bool has_xml_extension(const std::string& name) {
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
}

// The *.xml files under `folder`, one folder at a time, so that a folder that cannot be listed
// is named in `unreadable` instead of ending (or silently shortening) the walk.
std::vector<fs::path> export_files(const fs::path& folder, const fs::path& pack_root,
                                   std::vector<std::string>& unreadable) {
  std::vector<std::string> found;
  std::optional<fs::path> root;  // asked for at the first symbolic link: it costs a readlink per part
  std::vector<std::string> folders{folder.native()};
  while (!folders.empty()) {
    std::string current = std::move(folders.back());
    folders.pop_back();
    auto entries = list_folder(current);
    if (!entries) {
      unreadable.push_back(display_path(current) + ": " + entries.error());
      continue;
    }
    for (const FolderEntry& e : *entries) {
      if (e.kind == FolderEntry::kFolder) {  // a link to a folder is not followed
        if (!e.symlink && e.name[0] != '.') folders.push_back(join_path(current, e.name));
        continue;
      }
      if (e.kind != FolderEntry::kFile || !has_xml_extension(e.name)) continue;
      std::string path = join_path(current, e.name);
      if (e.symlink) {
        std::error_code ec;
        if (!root) root = fs::weakly_canonical(pack_root, ec);
        if (!inside(fs::weakly_canonical(path, ec), *root)) continue;
      }
      found.push_back(std::move(path));
    }
  }
  std::sort(found.begin(), found.end(), path_order_less);
  return {std::make_move_iterator(found.begin()), std::make_move_iterator(found.end())};
}

struct ReadExport {
  bool read = false;  ///< a component was read (into its file's place in the index)
  std::vector<Diagnostic> findings;
  size_t bytes = 0;
  std::string read_error;  ///< "path: reason" when the file could not be read
};

// One export, opened already (its size was needed first), read and parsed into `into`.
ReadExport read_one(const fs::path& path, Result<OpenedFile>& file, const std::vector<XPathRule>& xpath_rules,
                    Component& into) {
  ReadExport r;
  std::string display = display_path(path);
  ExportLimits limits;
  auto text = file ? file->read(limits.max_bytes) : Result<std::string>(Error{file.error()});
  if (!text) {
    r.read_error = display + ": " + text.error();
    return r;
  }
  r.bytes = text->size();
  if (text->size() > limits.max_bytes) {
    r.findings.push_back(make_finding(
        rule_ids::kComponentXml, display, 1, 1,
        fmt::format("the export is over the {} MiB limit for one component", limits.max_bytes / (1024 * 1024))));
    return r;
  }
  if (auto component = read_component_export(display, *text, r.findings, xpath_rules)) {
    into = std::move(*component);
    r.read = true;
  }
  return r;
}

}  // namespace

ComponentIndex index_components(const fs::path& folder, const fs::path& pack_root, unsigned jobs,
                                const std::vector<XPathRule>& xpath_rules, const std::atomic<bool>* cancel) {
  ComponentIndex index;
  std::vector<fs::path> files = export_files(folder, pack_root, index.unreadable);
  std::vector<ReadExport> read(files.size());
  // Each component goes to its file's place on the thread that read it; the serial pass after
  // the threads only closes the gaps (exports that failed, repeated ids).
  index.components.resize(files.size());
  std::atomic<size_t> next{0};
  // Reading an export takes many times its size in memory: the exports read at once hold at
  // most one export limit of bytes between them (a large one is read alone), so that
  // --jobs adds speed, not memory.
  const uint64_t budget = ExportLimits{}.max_bytes;
  uint64_t in_flight = 0;
  std::mutex mutex;
  std::condition_variable freed;
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      if (cancel && cancel->load(std::memory_order_relaxed)) break;
      auto file = OpenedFile::open(files[i]);
      uint64_t size = file ? std::min<uint64_t>(file->size(), budget) : 0;
      {
        std::unique_lock<std::mutex> lock(mutex);
        freed.wait(lock, [&] { return in_flight == 0 || in_flight + size <= budget; });
        in_flight += size;
      }
      read[i] = read_one(files[i], file, xpath_rules, index.components[i]);
      {
        std::lock_guard<std::mutex> lock(mutex);
        in_flight -= size;
      }
      freed.notify_all();
    }
  };
  unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(files.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  std::unordered_map<std::string, size_t> first;  // id -> its component's final place
  size_t kept = 0;
  for (size_t i = 0; i < read.size(); ++i) {
    ReadExport& r = read[i];
    ++index.files;
    index.bytes += r.bytes;
    for (auto& f : r.findings) index.findings.push_back(std::move(f));
    if (!r.read_error.empty()) index.unreadable.push_back(std::move(r.read_error));
    if (!r.read) continue;
    Component& c = index.components[i];
    auto [seen, added] = first.try_emplace(c.id, kept);
    if (!added) {
      index.findings.push_back(
          make_finding(rule_ids::kDuplicateComponent, c.file, c.at.line, c.at.column,
                       fmt::format("component {} is also exported in {}; keep one export per component", c.id,
                                   index.components[seen->second].file)));
      continue;
    }
    if (kept != i) index.components[kept] = std::move(c);
    ++kept;
  }
  index.components.erase(index.components.begin() + static_cast<ptrdiff_t>(kept), index.components.end());
  return index;
}

}  // namespace ipack
