#include "validate/validate_run.h"

#include <catch2/catch.hpp>

namespace ipack {
namespace {

ValidateOutcome run(std::vector<std::string> paths, bool exit_after) {
  ValidateRequest request;
  request.paths = std::move(paths);
  request.today = {2026, 11, 24};
  request.jobs = 2;
  request.exit_after = exit_after;
  return run_validation(request);
}

}  // namespace

TEST_CASE("exit_after hands one manifest's result over for the exit to free, and frees many as it goes", "[validate]") {
  const std::string pack = std::string(IPACK_SOURCE_DIR) + "/examples/crm-sync/pack.yaml";
  ValidateOutcome freed = run({pack}, false);
  ValidateOutcome one = run({pack}, true);
  CHECK(freed.retired.empty());
  REQUIRE(one.retired.size() == 1);
  CHECK(one.retired[0].components);  // the pack's exports, not freed yet
  CHECK(one.results.empty());
  // The same findings either way.
  REQUIRE(one.diagnostics.size() == freed.diagnostics.size());
  for (size_t i = 0; i < one.diagnostics.size(); ++i) CHECK(one.diagnostics[i].message == freed.diagnostics[i].message);
  // Many manifests: nothing is held back, so that memory does not grow with their number.
  ValidateOutcome many = run({pack, std::string(IPACK_SOURCE_DIR) + "/examples/contact-feeds/pack.yaml"}, true);
  CHECK(many.files_checked >= 2);
  CHECK(many.retired.empty());
}

}  // namespace ipack

#include <filesystem>
#include <fstream>
#include <set>

#include "base/temp_dir_for_tests.h"

namespace ipack {

namespace fs = std::filesystem;

TEST_CASE("text output's lines: manifests kept, exports read one at a time", "[validate]") {
  // The component-xml example has one bad export; two more bad ones make three files to quote.
  TempDir dir;
  const fs::path source = fs::path(IPACK_SOURCE_DIR) / "examples/invalid/component-xml";
  fs::copy(source, dir.path / "pack", fs::copy_options::recursive);
  for (const char* name : {"a.xml", "b.xml"})
    std::ofstream(dir.path / "pack/components" / name) << "<bns:Component>\n  <" << name << ">\n</bns:Component>\n";
  ValidateOutcome outcome = run({(dir.path / "pack/pack.yaml").string()}, false);
  std::set<std::string> exports;
  for (const auto& d : outcome.diagnostics)
    if (d.file.size() > 4 && d.file.compare(d.file.size() - 4, 4, ".xml") == 0) exports.insert(d.file);
  REQUIRE(exports.size() == 3);
  const size_t kept = outcome.sources.size();
  REQUIRE(kept >= 1);
  auto second_line = [](const std::string& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    std::getline(in, line);
    return line;
  };
  for (int round = 0; round < 2; ++round)  // each export again after the others
    for (const auto& file : exports) {
      std::string want = second_line(file);
      REQUIRE_FALSE(want.empty());
      CHECK(outcome.line(file, 2) == want);
    }
  CHECK(outcome.sources.size() == kept);  // no export joined the manifests
  const std::string& manifest = outcome.sources.begin()->first;
  CHECK(outcome.line(manifest, 2) == second_line(manifest));
}

}  // namespace ipack
