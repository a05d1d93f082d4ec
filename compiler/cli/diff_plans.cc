#include "cli/diff_plans.h"

#include <filesystem>

#include <fmt/format.h>

#include "base/read_file.h"
#include "cli/commands.h"
#include "input/discovery.h"
#include "input/kinds.h"
#include "input/yaml_document.h"
#include "plan/plan_diff.h"

namespace ipack::cli {
namespace {

std::optional<PlanModel> read_plan(const std::string& path) {
  auto text = read_file_capped(path, YamlLimits{}.max_bytes);
  if (!text) {
    print_error(fmt::format("cannot read {}: {}", path, text.error()));
    return std::nullopt;
  }
  SourceFile source(display_path(path), std::move(*text));
  std::vector<Diagnostic> findings;
  auto doc = read_yaml(source, findings);
  if (!doc || kind_of(doc->value) != Kind::InstallPlan) {
    print_error(fmt::format("{} is not an install plan that can be read: run ipack validate on it", path));
    return std::nullopt;
  }
  return read_plan_model(doc->value);
}

}  // namespace

bool is_plan_path(const std::string& path) { return is_plan_name(std::filesystem::path(path).filename().string()); }

int diff_install_plans(const std::string& old_plan, const std::string& new_plan, const std::string& format,
                       const std::string& output) {
  auto a = read_plan(old_plan);
  if (!a) return kCannotWork;
  auto b = read_plan(new_plan);
  if (!b) return kCannotWork;
  nlohmann::json diff = diff_plans(*a, *b);
  std::string rendered = format == "json" ? diff.dump(2) + "\n" : render_plan_diff(diff);
  return emit(rendered, output) ? kOk : kCannotWork;
}

}  // namespace ipack::cli
