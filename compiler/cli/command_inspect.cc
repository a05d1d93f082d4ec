#include <iostream>

#include <fmt/format.h>

#include "bundle/bundle_reader.h"
#include "cli/commands.h"
#include "render/render.h"

namespace ipack::cli {
namespace {

struct InspectFlags {
  std::string bundle;
  std::string format = "text";
};

int run(const InspectFlags& f) {
  auto named = read_named_bundle(f.bundle);
  if (!named) return kCannotWork;
  auto& contents = *named;
  if (!contents) {
    print_error(fmt::format("cannot inspect {}: {}", f.bundle, contents.error()));
    return kFindings;
  }
  const auto& c = *contents;
  const auto& pack = c.pack;
  nlohmann::json packages = nlohmann::json::array();
  for (const auto& p : pack.value("packages", nlohmann::json::array())) {
    const auto& closure = p.value("closure", nlohmann::json());
    packages.push_back(
        {{"component", p.value("component", "")},
         {"name", p.value("name", "")},
         {"type", p.value("type", "")},
         {"packageVersion", p.value("packageVersion", "")},
         {"closure", closure.is_object() ? nlohmann::json(closure.value("components", nlohmann::json::array()).size())
                                         : nlohmann::json(nullptr)}});
  }
  nlohmann::json files = nlohmann::json::array();
  for (const auto& [name, digest] : c.entries)
    files.push_back({{"name", name}, {"size", digest.size}, {"sha256", digest.sha256}});
  nlohmann::json summary = {{"bundle", f.bundle},
                            {"format", pack.value("format", "")},
                            {"name", pack.value("metadata", nlohmann::json::object()).value("name", "")},
                            {"version", pack.value("metadata", nlohmann::json::object()).value("version", "")},
                            {"signed", c.signature.has_value()},
                            {"signer", pack.value("signer", nlohmann::json())},
                            {"verified", false},
                            {"builtAt", pack.value("builtAt", nlohmann::json())},
                            {"source", pack.value("source", nlohmann::json())},
                            {"packages", packages},
                            {"files", files}};
  if (f.format == "json") {
    std::cout << summary.dump(2) << "\n";
    return kOk;
  }
  std::cout << fmt::format("{} {} ({})\n", summary["name"].get<std::string>(), summary["version"].get<std::string>(),
                           summary["format"].get<std::string>());
  std::cout << (c.signature ? fmt::format("signed by key {} (not verified: use ipack verify)\n",
                                          summary["signer"].is_string() ? summary["signer"].get<std::string>() : "?")
                            : std::string("unsigned\n"));
  std::cout << source_line(summary["source"]) << "\n";
  std::cout << fmt::format("packages ({}):\n", packages.size());
  for (const auto& p : packages)
    std::cout << fmt::format("  {} {} \"{}\" {}  closure: {}\n", p["component"].get<std::string>(),
                             p["type"].get<std::string>(), p["name"].get<std::string>(),
                             p["packageVersion"].get<std::string>(),
                             p["closure"].is_null() ? std::string("unknown (no export)")
                                                    : plural(p["closure"].get<size_t>(), "component", "components"));
  std::cout << fmt::format("files ({}):\n", files.size() + 1 + (c.signature ? 1 : 0));
  std::cout << fmt::format("  {:>9}  pack.json\n", c.pack_json.size());
  if (c.signature) std::cout << fmt::format("  {:>9}  pack.sig\n", c.signature->size());
  for (const auto& file : files)
    std::cout << fmt::format("  {:>9}  {}\n", file["size"].get<uint64_t>(), file["name"].get<std::string>());
  return kOk;
}

}  // namespace

void add_inspect_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<InspectFlags>();
  CLI::App* cmd = app.add_subcommand("inspect", "Show what a bundle holds (works on unsigned and unverified bundles)");
  cmd->add_option("bundle", flags->bundle, "The .ipack file")->required()->type_name("BUNDLE");
  cmd->add_option("--format", flags->format, "Output format")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
