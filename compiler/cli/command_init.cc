#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "base/atomic_file.h"
#include "base/read_file.h"
#include "cli/commands.h"
#include "input/config.h"
#include "input/discovery.h"
#include "input/kinds.h"

namespace fs = std::filesystem;

namespace ipack::cli {
namespace {

struct InitFlags {
  std::string dir = ".";
  std::string name;
  bool force = false;
};

// ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$, as the pack schema's metadata.name.
bool is_pack_name(const std::string& name) {
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (name.empty() || name.size() > 63 || !alnum(name.front()) || !alnum(name.back())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return alnum(c) || c == '-'; });
}

// "My_Pack 2" -> "my-pack-2": lower case, every run of other characters one hyphen, trimmed.
std::string pack_name_from(const std::string& text) {
  std::string name;
  for (char c : text) {
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (keep)
      name += lower;
    else if (!name.empty() && name.back() != '-')
      name += '-';
  }
  if (name.size() > 63) name.resize(63);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name;
}

// "crm-sync" -> "Crm Sync".
std::string display_name_from(const std::string& name) {
  std::string display;
  bool word_start = true;
  for (char c : name) {
    if (c == '-') {
      display += ' ';
      word_start = true;
    } else {
      display += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      word_start = false;
    }
  }
  return display;
}

// The one package is a placeholder, so that the scaffold validates clean from the start: it
// gives `type` (its export is not there yet) and suppresses closure-unchecked with a reason.
// Once the real export is in components/, that suppression silences nothing and
// unused-suppression asks for it to be removed.
std::string pack_yaml(const std::string& name) {
  return fmt::format(R"(# yaml-language-server: $schema=pack.schema.json
# pack.schema.json is `ipack schema pack`, written by `ipack init` for editor completion. After
# upgrading ipack, refresh it with: ipack schema pack > pack.schema.json
apiVersion: ipack/v1
kind: IntegrationPack
metadata:
  name: {0}
  displayName: {1}
  description: "TODO: what the pack does, as managed accounts see it (1-500 characters)."
  version: 0.1.0
  publisher: "TODO: your company"
spec:
  installation: single        # or multi: needs multi-install in the account features (.ipack.yaml)
  deployment: packaged
  components: components      # the Boomi component XML exports, in any sub-folders
  packages:
    # A placeholder: set `component` to your process's component id (or an API Service's, with
    # type: webservice) and put its export under components/. Then remove the ipack-ignore line:
    # `ipack validate` says so once the export is there.
    # ipack-ignore: closure-unchecked -- placeholder until the process's export is in components/
    - component: 00000000-0000-0000-0000-000000000000
      packageVersion: "1.0"
      shareable: true
      type: process
)",
                     name, display_name_from(name));
}

constexpr const char* kConfigYaml =
    R"(# ipack's settings for the packs in and under this folder (kind Config; the schema is
# `ipack schema config`). ipack looks for .ipack.yaml from the current folder up to the
# repository root.
apiVersion: ipack/v1
kind: Config
account:
  # The publisher account's optional features: add multi-install if the account has it.
  features: [integration-pack-management]
)";

// Private keys (`ipack keygen` writes NAME.pem and NAME.pub.pem: the public half may be
// committed, and verify's keyring wants it) and built bundles stay out of git.
constexpr const char* kGitignoreLines[] = {"*.pem", "!*.pub.pem", "dist/"};
constexpr const char* kGitignoreHeader =
    "# ipack: private signing keys (public *.pub.pem keys may be committed) and built bundles\n";

// The .gitignore with ipack's lines: a new one, or the existing text with the missing lines
// added at its end. Empty when nothing is missing.
std::string gitignore_with_ipack_lines(const fs::path& path) {
  std::error_code ec;
  std::string text;
  if (fs::exists(path, ec)) {
    auto read = read_file_capped(path, 1 << 20);
    if (!read) return "";
    text = std::move(*read);
  }
  std::vector<std::string> lines;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  std::string missing;
  for (const char* line : kGitignoreLines)
    if (std::find(lines.begin(), lines.end(), line) == lines.end()) missing += std::string(line) + "\n";
  if (missing.empty()) return "";
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text + kGitignoreHeader + missing;
}

// `path` as a shell word, for the hint: quoted when it holds anything but safe characters.
std::string shell_word(const std::string& path) {
  bool safe = std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("/._-+,:@%=").find(c) != std::string_view::npos;
  });
  if (safe && !path.empty()) return path;
  std::string quoted = "'";
  for (char c : path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Where a new config goes: the root of the git repository holding `dir`, where `ipack validate`
// run from the root (as the pre-commit hook and CI do) finds it; else `dir`.
fs::path config_folder(const fs::path& dir) {
  std::error_code ec;
  for (fs::path d = dir; d.has_parent_path(); d = d.parent_path()) {
    if (fs::exists(d / ".git", ec)) return d;
    if (d.parent_path() == d) break;
  }
  return dir;
}

struct PlannedFile {
  fs::path path;
  std::string content;
};

int run(const InitFlags& f) {
  if (!f.name.empty() && !is_pack_name(f.name)) {
    std::string near = pack_name_from(f.name);
    print_error(
        fmt::format("--name \"{}\" is not a pack name: 1-63 lower-case letters, digits and hyphens, not "
                    "starting or ending with a hyphen{}",
                    f.name, near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
    return kUsage;
  }
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(fs::absolute(f.dir, ec), ec);
  if (ec) dir = fs::absolute(f.dir).lexically_normal();
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    print_error(fmt::format("cannot init {}: it exists and is not a folder", display_path(dir)));
    return kCannotWork;
  }

  std::string name = f.name.empty() ? pack_name_from(dir.filename().string()) : f.name;
  if (name.empty()) {
    print_error(fmt::format("cannot make a pack name from the folder name \"{}\"; give one with --name",
                            dir.filename().string()));
    return kUsage;
  }

  std::vector<PlannedFile> plan;
  plan.push_back({dir / "pack.yaml", pack_yaml(name)});
  plan.push_back({dir / "pack.schema.json", std::string(kind_info(Kind::IntegrationPack).schema_text)});
  // An existing components folder is the user's: it is left as it is.
  if (!fs::exists(dir / "components", ec)) plan.push_back({dir / "components" / ".gitkeep", ""});
  // A config already found applies to the new pack, and a second one would hide it.
  if (!find_config(dir)) plan.push_back({config_folder(dir) / ".ipack.yaml", kConfigYaml});

  // Added to even when it exists: only missing lines are appended, nothing is overwritten.
  fs::path gitignore = config_folder(dir) / ".gitignore";
  std::string gitignore_text = gitignore_with_ipack_lines(gitignore);
  bool gitignore_existed = fs::exists(gitignore, ec);

  if (fs::exists(dir / "pack.yml", ec)) {
    print_error(fmt::format("{} is already a pack manifest; init another folder", display_path(dir / "pack.yml")));
    return kCannotWork;
  }
  std::vector<std::string> existing;
  if (!f.force)
    for (const auto& file : plan)
      if (fs::exists(fs::symlink_status(file.path, ec))) existing.push_back(display_path(file.path));
  if (!existing.empty()) {
    std::string list;
    for (const auto& e : existing) list += (list.empty() ? "" : ", ") + e;
    print_error(fmt::format("not overwriting {}; remove {}, init another folder, or use --force", list,
                            existing.size() == 1 ? "it" : "them"));
    return kCannotWork;
  }

  // All or nothing (a full disk leaves no half-made pack): every file is written beside its
  // place first, and only when all were written are they put in place; the folders made for
  // them are taken away again on failure.
  std::vector<fs::path> made;
  for (fs::path p = dir / "components"; !p.empty() && !fs::exists(fs::symlink_status(p, ec)); p = p.parent_path())
    made.push_back(p);
  auto undo = [&](const std::vector<fs::path>& placed) {
    for (const auto& p : placed) fs::remove(p, ec);
    for (const auto& p : made) fs::remove(p, ec);  // deepest first; only while empty
  };
  fs::create_directories(dir / "components", ec);
  if (ec) {
    print_error(fmt::format("cannot create {}: {}", display_path(dir / "components"), ec.message()));
    undo({});
    return kCannotWork;
  }
  std::vector<PendingFile> pending;
  std::vector<bool> is_new;
  for (const auto& file : plan) {
    is_new.push_back(!fs::exists(fs::symlink_status(file.path, ec)));
    Status wrote;
    if (auto written = PendingFile::create_beside(file.path); !written) {
      wrote = Error{written.error()};
    } else if (wrote = written->write(file.content); wrote) {
      pending.push_back(std::move(written).take());
    }  // else the temporary file is removed here, before its folder is
    if (!wrote) {
      print_error(fmt::format("cannot write {}: {}", display_path(file.path), wrote.error()));
      pending.clear();
      undo({});
      return kCannotWork;
    }
  }
  std::vector<fs::path> placed;
  for (size_t i = 0; i < plan.size(); ++i) {
    if (Status wrote = pending[i].commit(); !wrote) {
      print_error(fmt::format("cannot write {}: {}", display_path(plan[i].path), wrote.error()));
      pending.clear();
      undo(placed);
      return kCannotWork;
    }
    if (is_new[i]) placed.push_back(plan[i].path);
  }
  if (!gitignore_text.empty()) {
    if (Status wrote = write_file_atomically(gitignore, gitignore_text); !wrote) {
      print_error(fmt::format("cannot write {}: {}", display_path(gitignore), wrote.error()));
      undo(placed);
      return kCannotWork;
    }
  }
  for (const auto& file : plan) std::cout << "created " << display_path(file.path) << "\n";
  if (!gitignore_text.empty())
    std::cout << (gitignore_existed ? "added what was missing of *.pem, !*.pub.pem and dist/ to " : "created ")
              << display_path(gitignore) << "\n";
  std::string shown = shell_word(display_path(dir));
  std::cout << fmt::format(
      "next: put the component exports in components/, set the package's component id in pack.yaml, then run: "
      "ipack validate {}\n",
      shown);
  return kOk;
}

}  // namespace

void add_init_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<InitFlags>();
  CLI::App* cmd = app.add_subcommand("init", "Scaffold a pack in DIR (default: the current directory)");
  cmd->add_option("dir", flags->dir, "The pack's folder; created if missing")->type_name("DIR");
  cmd->add_option("--name", flags->name, "The pack's metadata.name (default: made from the folder's name)")
      ->type_name("NAME");
  cmd->add_flag("--force", flags->force, "Overwrite pack.yaml, pack.schema.json and the other files init writes");
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
