#pragma once
/// Install plans against their packs: the pack a plan is checked against (a source pack that
/// `validate` read, or a bundle), and the check itself.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "bundle/signing.h"
#include "plan/pack_target.h"
#include "validate/manifest_check.h"

namespace ipack {

/// What a plan is checked against: the one pack given (--pack), else a pack read of the plan's
/// `spec.pack` name: the one in the nearest folder above the plan, or the only one of that name.
struct PlanTargets {
  std::optional<PackTarget> given;
  std::multimap<std::string, std::pair<std::filesystem::path, PackTarget>> by_name;  ///< name → (pack's folder, pack)
  void add(const std::filesystem::path& folder, PackTarget target);
};

/// A source pack as plans see it: its extensions as its bundle's pack.json would list them,
/// and which of its packaged processes listen. Nothing when the manifest lacks its name,
/// version or installation (the schema finding says so).
std::optional<PackTarget> source_pack_target(const ManifestResult& pack, const std::string& display);

/// A bundle as plans see it. With `keys` it must verify against one of them first; without,
/// its structure and digests must hold (an unsigned bundle is accepted then).
Result<PackTarget> bundle_pack_target(const std::filesystem::path& bundle, const std::vector<PublicKey>& keys);

/// Checks a pending plan against its pack and finishes its findings. `masked` receives the
/// lines of the file that hold a secret literal, with the literal blanked, for text output.
void check_plan_against(const SourceFile& source, ManifestResult& result, const CheckSettings& settings,
                        const PlanTargets& targets, std::map<int, std::string>& masked);

}  // namespace ipack
