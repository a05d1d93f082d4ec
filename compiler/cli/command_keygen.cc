#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "bundle/git_source.h"
#include "bundle/signing.h"
#include "cli/commands.h"

namespace ipack::cli {

void add_keygen_command(CLI::App& app, int& exit_code) {
  auto name = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("keygen",
                                     "New Ed25519 signing key pair: NAME.pem (private, mode 0600) and NAME.pub.pem "
                                     "(public); refuses to put the private key where git would commit it");
  cmd->add_option("name", *name, "where to write the pair: NAME.pem and NAME.pub.pem (never overwritten)")->required();
  cmd->callback([name, &exit_code] {
    std::string file = std::filesystem::path(*name).filename().string();
    if (file.empty() || file == "." || file == "..") {
      print_error(
          "keygen needs a NAME for the key files, e.g. `ipack keygen keys/release` writes keys/release.pem "
          "and keys/release.pub.pem");
      exit_code = kUsage;
      return;
    }
    // A private key inside a work tree is one `git add -A` away from being committed.
    if (auto placement = git_placement(*name + ".pem"); placement && !placement->ignored) {
      print_error(fmt::format(
          "not writing the private key {}.pem: it is inside the git work tree {} and git does not ignore it, so a "
          "later `git add` would commit it. Write it outside the work tree (e.g. `ipack keygen ~/.ipack/{}`), or "
          "make git ignore it first: add the lines `*.pem` and `!*.pub.pem` to {}/.gitignore",
          *name, placement->work_tree.string(), file, placement->work_tree.string()));
      exit_code = kCannotWork;
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
