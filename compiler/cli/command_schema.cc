#include <iostream>

#include "cli/commands.h"
#include "input/kinds.h"

namespace ipack::cli {

void add_schema_command(CLI::App& app, int& exit_code) {
  auto kind = std::make_shared<std::string>("pack");
  std::string names;
  for (const auto& k : known_kinds()) names += (names.empty() ? "" : ", ") + std::string(k.schema_name);
  CLI::App* cmd = app.add_subcommand("schema", "Print the JSON Schema of a kind (" + names + "; default pack)");
  cmd->add_option("kind", *kind, names);
  cmd->callback([kind, names, &exit_code] {
    const KindInfo* info = kind_by_schema_name(*kind);
    if (!info) {
      print_error("unknown kind \"" + *kind + "\"; known: " + names);
      exit_code = kUsage;
      return;
    }
    std::cout << info->schema_text;
    exit_code = kOk;
  });
}

}  // namespace ipack::cli
