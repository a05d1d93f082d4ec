#pragma once
/// Reads every `*.xml` export under a pack's components folder.

#include <atomic>
#include <filesystem>
#include <vector>

#include "base/diagnostic.h"
#include "components/component.h"
#include "input/xpath_rule_config.h"

namespace ipack {

struct ComponentIndex {
  std::vector<Component> components;  ///< one per id: the first by path order
  std::vector<Diagnostic> findings;   ///< `component-xml` and `duplicate-component`
  size_t files = 0;                   ///< exports read
  size_t bytes = 0;                   ///< their total size
  /// "path: reason" for each folder that could not be listed and export that could not be
  /// read: the pack cannot be checked whole, which is exit 3, not a finding.
  std::vector<std::string> unreadable;
};

/// Indexes `folder` (recursively; hidden folders skipped; symbolic links to folders not
/// followed, to files only inside `pack_root`), reading up to `jobs` files at once.
/// `xpath_rules` are evaluated on each export as it is read. Once `*cancel` is true, no other
/// export is read, and what is returned is incomplete: for a caller that no longer wants it.
ComponentIndex index_components(const std::filesystem::path& folder, const std::filesystem::path& pack_root,
                                unsigned jobs, const std::vector<XPathRule>& xpath_rules = {},
                                const std::atomic<bool>* cancel = nullptr);

}  // namespace ipack
