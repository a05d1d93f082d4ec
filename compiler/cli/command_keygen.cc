#include <filesystem>
#include <iostream>

#include "bundle/signing.h"
#include "cli/commands.h"

namespace ipack::cli {

void add_keygen_command(CLI::App& app, int& exit_code) {
  auto name = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "keygen", "New Ed25519 signing key pair: NAME.pem (private, mode 0600) and NAME.pub.pem (public)");
  cmd->add_option("name", *name, "where to write the pair: NAME.pem and NAME.pub.pem (never overwritten)")->required();
  cmd->callback([name, &exit_code] {
    std::string file = std::filesystem::path(*name).filename().string();
    if (file.empty() || file == "." || file == "..") {
      print_error("keygen needs a NAME for the key files, e.g. `ipack keygen keys/release` writes keys/release.pem "
                  "and keys/release.pub.pem");
      exit_code = kUsage;
      return;
    }
    if (Status wrote = write_key_pair(*name); !wrote) {
      print_error(wrote.error());
      exit_code = kCannotWork;
      return;
    }
    auto key = PublicKey::load_file(*name + ".pub.pem");
    if (!key) {
      print_error(key.error());
      exit_code = kCannotWork;
      return;
    }
    std::cout << "wrote " << *name << ".pem (private, keep it secret) and " << *name << ".pub.pem; key id "
              << key->key_id() << "\n";
    exit_code = kOk;
  });
}

}  // namespace ipack::cli
