// The traps a new user fell into, each closed: the scaffold cannot be built, a private key is
// not written where git would commit it, a build from uncommitted sources says so, a path that
// checks nothing fails, today is IPACK_TODAY or the clock, a missing --previous is named.
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::RunOptions;
using ipack::test::source_dir;
using ipack::test::write_text;

namespace {

// `git ARGS` in `dir`, quietly; its exit status.
int git(const std::string& dir, const std::string& args) {
  std::string command =
      "cd '" + dir + "' && git -c user.name=ipack -c user.email=ipack@example.invalid " + args + " >/dev/null 2>&1";
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A real git repository holding a copy of the example pack, committed.
std::string make_git_repo_with_pack() {
  std::string repo = make_temp_dir();
  REQUIRE(git(repo, "init -q") == 0);
  fs::copy(source_dir() + "/examples/crm-sync", fs::path(repo) / "crm-sync", fs::copy_options::recursive);
  REQUIRE(git(repo, "add -A") == 0);
  REQUIRE(git(repo, "commit -q -m pack") == 0);
  return repo;
}

}  // namespace

TEST_CASE("build refuses the untouched init scaffold; validate warns about its placeholders", "[cli][newuser]") {
  auto repo = make_temp_dir();
  REQUIRE(run_ipack({"init", "orders"}, {repo}).exit_code == 0);
  auto v = run_ipack({"validate", "--color", "never", "orders"}, {repo});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("orders/pack.yaml:21:18: warning: the all-zero component id is a placeholder") != std::string::npos);
  CHECK(v.out.find("metadata.description is still the placeholder") != std::string::npos);
  CHECK(v.out.find("metadata.publisher is still the placeholder") != std::string::npos);

  auto b = run_ipack({"build", "--unsigned", "orders"}, {repo});
  CHECK(b.exit_code == 1);
  CHECK(b.out.empty());
  CHECK(b.err.find("error: the all-zero component id is a placeholder") != std::string::npos);
  CHECK(b.err.find("[placeholder]") != std::string::npos);
  CHECK(b.err.find("orders/pack.yaml is not built: fix the findings above") != std::string::npos);
  CHECK_FALSE(fs::exists(fs::path(repo) / "dist"));
}

TEST_CASE("keygen refuses to put a private key where git would commit it", "[cli][newuser][keys]") {
  auto repo = make_temp_dir();
  REQUIRE(git(repo, "init -q") == 0);

  auto refused = run_ipack({"keygen", "signing"}, {repo});
  CHECK(refused.exit_code == 3);
  CHECK(refused.out.empty());
  CHECK(refused.err.find("not writing the private key signing.pem: it is inside the git work tree") !=
        std::string::npos);
  CHECK(refused.err.find("add the lines `*.pem` and `!*.pub.pem` to") != std::string::npos);
  CHECK_FALSE(fs::exists(fs::path(repo) / "signing.pem"));
  CHECK_FALSE(fs::exists(fs::path(repo) / "signing.pub.pem"));

  SECTION("in a folder that does not exist yet") {
    auto r = run_ipack({"keygen", "keys/release"}, {repo});
    CHECK(r.exit_code == 3);
    CHECK_FALSE(fs::exists(fs::path(repo) / "keys/release.pem"));
  }
  SECTION("once init's .gitignore covers keys, the private key is written and git leaves it out") {
    auto init = run_ipack({"init", "orders"}, {repo});
    REQUIRE(init.exit_code == 0);
    CHECK(init.out.find("created .gitignore\n") != std::string::npos);
    CHECK(read_text(repo + "/.gitignore").find("*.pem\n!*.pub.pem\ndist/\n") != std::string::npos);
    auto r = run_ipack({"keygen", "signing"}, {repo});
    CHECK(r.exit_code == 0);
    CHECK(fs::exists(fs::path(repo) / "signing.pem"));
    CHECK(git(repo, "check-ignore -q signing.pem") == 0);
    CHECK(git(repo, "check-ignore -q signing.pub.pem") == 1);
    CHECK(git(repo, "check-ignore -q dist/orders-0.1.0.ipack") == 0);
  }
  SECTION("outside any work tree it is written as before") {
    auto outside = make_temp_dir();
    CHECK(run_ipack({"keygen", outside + "/signing"}, {repo}).exit_code == 0);
  }
}

TEST_CASE("init adds only the missing ignore lines to an existing .gitignore", "[cli][newuser][init]") {
  auto repo = make_temp_dir();
  REQUIRE(git(repo, "init -q") == 0);
  write_text(fs::path(repo) / ".gitignore", "build/\n*.pem");
  auto r = run_ipack({"init", "orders"}, {repo});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("added what was missing of *.pem, !*.pub.pem and dist/ to .gitignore\n") != std::string::npos);
  CHECK(read_text(repo + "/.gitignore") ==
        "build/\n*.pem\n# ipack: private signing keys (public *.pub.pem keys may be committed) and built bundles\n"
        "!*.pub.pem\ndist/\n");
}

TEST_CASE("a build from uncommitted sources says so in inspect and verify; --require-clean refuses it",
          "[cli][newuser][bundle]") {
  auto repo = make_git_repo_with_pack();
  auto keys = make_temp_dir();
  REQUIRE(run_ipack({"keygen", keys + "/k"}).exit_code == 0);

  auto clean = run_ipack({"build", "--require-clean", "--key", keys + "/k.pem", "crm-sync"}, {repo});
  INFO(clean.err);
  REQUIRE(clean.exit_code == 0);
  auto shown = run_ipack({"inspect", "dist/crm-sync-2.4.0.ipack"}, {repo});
  CHECK(shown.out.find("\nsource: commit ") != std::string::npos);
  CHECK(shown.out.find(" (clean)\n") != std::string::npos);

  std::string manifest = read_text(repo + "/crm-sync/pack.yaml");
  write_text(fs::path(repo) / "crm-sync/pack.yaml", manifest + "# an edit not committed\n");
  auto refused = run_ipack({"build", "--require-clean", "--key", keys + "/k.pem", "-o", "out", "crm-sync"}, {repo});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("crm-sync/pack.yaml is not built: its folder has uncommitted changes or untracked files "
                         "(--require-clean)") != std::string::npos);
  CHECK_FALSE(fs::exists(fs::path(repo) / "out"));

  auto dirty = run_ipack({"build", "--key", keys + "/k.pem", "-o", "out", "crm-sync"}, {repo});
  REQUIRE(dirty.exit_code == 0);
  const char* said = "with uncommitted changes (source.clean: false)";
  CHECK(run_ipack({"inspect", "out/crm-sync-2.4.0.ipack"}, {repo}).out.find(said) != std::string::npos);
  auto verified = run_ipack({"verify", "out/crm-sync-2.4.0.ipack", "--key", keys + "/k.pub.pem"}, {repo});
  CHECK(verified.exit_code == 0);
  CHECK(verified.out.find(said) != std::string::npos);

  SECTION("outside a work tree --require-clean refuses too") {
    auto elsewhere = make_temp_dir();
    fs::copy(source_dir() + "/examples/crm-sync", fs::path(elsewhere) / "crm-sync", fs::copy_options::recursive);
    auto r = run_ipack({"build", "--require-clean", "--unsigned", "crm-sync"}, {elsewhere});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("it is not in a git work tree (--require-clean)") != std::string::npos);
  }
}

TEST_CASE("a path that checks nothing fails; a folder named explicitly is checked even when ignored",
          "[cli][newuser]") {
  auto repo = make_temp_dir();
  fs::create_directory(fs::path(repo) / ".git");
  write_text(fs::path(repo) / ".ipack.yaml", "apiVersion: ipack/v1\nkind: Config\nignore: [\"archive/**\"]\n");
  fs::create_directories(fs::path(repo) / "empty");
  fs::copy(source_dir() + "/examples/crm-sync", fs::path(repo) / "archive/old", fs::copy_options::recursive);

  auto empty = run_ipack({"validate", "empty"}, {repo});
  CHECK(empty.exit_code == 3);
  CHECK(empty.out.empty());
  CHECK(empty.err.find("empty: no pack.yaml or pack.yml in it or under it") != std::string::npos);
  CHECK(empty.err.find("nothing to check") != std::string::npos);

  auto named = run_ipack({"validate", "--format", "json", "archive"}, {repo});
  CHECK(named.exit_code == 0);
  CHECK(named.out.find("\"files\": 2") != std::string::npos);
  // Searched from above, the glob still keeps the archive out: then the root checks nothing.
  auto root = run_ipack({"validate", "."}, {repo});
  CHECK(root.exit_code == 3);
  CHECK(root.err.find("and the ignore: globs of .ipack.yaml under it") != std::string::npos);
}

TEST_CASE("today is IPACK_TODAY, else the clock, never SOURCE_DATE_EPOCH", "[cli][newuser]") {
  std::string fixture = source_dir() + "/examples/invalid/release-date";
  RunOptions before;
  before.cwd = fixture;
  before.env["IPACK_TODAY"] = "2025-06-30";
  before.env["SOURCE_DATE_EPOCH"] = "1795478400";  // 2026-11-24: ignored for today
  CHECK(run_ipack({"validate", "--color", "never"}, before).exit_code == 0);

  RunOptions clock;
  clock.cwd = fixture;
  clock.env["IPACK_TODAY"] = "";
  clock.env["SOURCE_DATE_EPOCH"] = "0";  // 1970: would let any date pass
  auto r = run_ipack({"validate", "--color", "never"}, clock);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("is in the past (today is ") != std::string::npos);
  CHECK(r.out.find(" UTC)") != std::string::npos);
}

TEST_CASE("a --previous naming a missing file says it does not exist", "[cli][newuser]") {
  for (const char* command : {"validate", "build"}) {
    DYNAMIC_SECTION(command) {
      std::vector<std::string> args = {command, "--previous", "/nonexistent/last.ipack", "examples/crm-sync"};
      if (std::string(command) == "build") args.insert(args.begin() + 1, "--unsigned");
      auto r = run_ipack(args);
      CHECK(r.exit_code == 3);
      CHECK(r.err.find("--previous /nonexistent/last.ipack: no such file") != std::string::npos);
      CHECK(r.err.find("truncated") == std::string::npos);
    }
  }
}

TEST_CASE("a misspelt package list does not call every export unused", "[cli][newuser]") {
  auto dir = make_temp_dir();
  fs::copy(source_dir() + "/examples/crm-sync", fs::path(dir) / "crm-sync", fs::copy_options::recursive);
  std::string manifest = read_text(dir + "/crm-sync/pack.yaml");
  manifest.replace(manifest.find("  packages:"), 11, "  pakages:");
  write_text(fs::path(dir) / "crm-sync/pack.yaml", manifest);
  auto r = run_ipack({"validate", "--format", "json", "crm-sync"}, {dir});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"rule\": \"schema\"") != std::string::npos);
  CHECK(r.out.find("unused-component") == std::string::npos);
  CHECK(r.out.find("extension-not-declared") == std::string::npos);
}

TEST_CASE(".ipack.yaml suppress: drops a finding inside an export, and says when it drops nothing",
          "[cli][newuser][suppress]") {
  auto repo = make_temp_dir();
  fs::create_directory(fs::path(repo) / ".git");
  fs::copy(source_dir() + "/examples/invalid/unresolved-reference", fs::path(repo) / "pack",
           fs::copy_options::recursive);
  const std::string head = "apiVersion: ipack/v1\nkind: Config\nrules:\n  closure-unchecked: \"off\"\nsuppress:\n";
  const std::string entry =
      "  - rule: unresolved-reference\n    component: 1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D\n"
      "    reason: the operation is exported with the next release\n";
  write_text(fs::path(repo) / ".ipack.yaml", head + entry);
  auto quiet = run_ipack({"validate", "--color", "never", "pack"}, {repo});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out == "0 errors, 0 warnings in 2 files\n");

  write_text(
      fs::path(repo) / ".ipack.yaml",
      head + entry +
          "  - rule: unused-component\n    component: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n    reason: kept\n" +
          "  - rule: unresolved-refrence\n    component: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n    reason: typo\n" +
          "  - rule: pack-limit\n    component: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\n    reason: nope\n");
  auto r = run_ipack({"validate", "--color", "never", "pack"}, {repo});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(".ipack.yaml:9:5: warning: this suppress: entry drops no unused-component finding in the export of "
                   "component 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d: remove it [unused-suppression]") !=
        std::string::npos);
  CHECK(r.out.find("error: no rule \"unresolved-refrence\" (did you mean \"unresolved-reference\"?)") !=
        std::string::npos);
  CHECK(r.out.find("pack-limit is a platform rule") != std::string::npos);
  CHECK(r.out.find("[unresolved-reference]") == std::string::npos);
}
