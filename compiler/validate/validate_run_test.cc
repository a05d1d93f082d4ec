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
