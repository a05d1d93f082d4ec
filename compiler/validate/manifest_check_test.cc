#include "validate/manifest_check.h"

#include <algorithm>
#include <filesystem>

#include <catch2/catch.hpp>

#include "base/read_file.h"
#include "rules/rule_registry.h"

namespace ipack {
namespace {

// "rule-id|line:column|message" of each finding of the example's manifest, sorted.
std::vector<std::string> example_findings(const std::filesystem::path& manifest, const RuleSeverities& severities) {
  auto text = read_file_capped(manifest, 4 << 20);
  REQUIRE(text);
  SourceFile source(manifest.string(), std::move(*text));
  CheckSettings settings;
  settings.today = {2026, 11, 24};
  settings.base_dir = manifest.parent_path();
  settings.severities = severities;
  ManifestResult result = check_manifest(source, settings);
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics)
    out.push_back(d.rule + "|" + d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + "|" +
                  d.message);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

// check_manifest does not run a lint rule that the config turns off: that is only right while
// every rule reports under its own id, so that turning one off drops its findings and no other.
TEST_CASE("turning a lint rule off drops its findings and only those, in every example", "[validate]") {
  namespace fs = std::filesystem;
  size_t examples = 0, dropped = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(IPACK_SOURCE_DIR) / "examples" / "invalid")) {
    fs::path manifest = entry.path() / "pack.yaml";
    if (!fs::exists(manifest)) continue;
    std::vector<std::string> all = example_findings(manifest, {});
    for (const Rule* rule : all_rules()) {
      if (!rule->configurable() || !rule->check_pack) continue;
      std::string id(rule->id);
      std::vector<std::string> expected;
      std::copy_if(all.begin(), all.end(), std::back_inserter(expected),
                   [&](const std::string& f) { return f.rfind(id + "|", 0) != 0; });
      bool drops = expected.size() < all.size();
      if (!drops && entry.path().filename().string().rfind(id, 0) != 0) continue;  // nothing to see
      RuleSeverities off;
      off[id] = std::nullopt;
      INFO(entry.path().filename().string() << " with " << id << " off");
      CHECK(example_findings(manifest, off) == expected);
      dropped += drops;
    }
    ++examples;
  }
  CHECK(examples > 40);
  CHECK(dropped > 20);  // the lint rules' own examples, among others
}

}  // namespace ipack
