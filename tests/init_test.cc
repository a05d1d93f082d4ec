// `ipack init`: the scaffold it writes validates without errors at once (its placeholders are
// warnings, which build refuses), and it never overwrites.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;

namespace {

// A temporary repository root: the config lookup stops at its `.git`.
std::string make_repo() {
  std::string repo = make_temp_dir();
  fs::create_directory(fs::path(repo) / ".git");
  return repo;
}

}  // namespace

TEST_CASE("init scaffolds a pack that validates without errors, its placeholders warned about", "[cli][init]") {
  auto repo = make_repo();
  auto r = run_ipack({"init", "orders"}, {repo});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.rfind("created orders/pack.yaml\ncreated orders/pack.schema.json\ncreated orders/components/.gitkeep\n"
                    "created .ipack.yaml\ncreated .gitignore\nnext: ",
                    0) == 0);
  fs::path pack = fs::path(repo) / "orders";
  CHECK(fs::is_regular_file(pack / "components/.gitkeep"));
  std::string manifest = read_text((pack / "pack.yaml").string());
  CHECK(manifest.rfind("# yaml-language-server: $schema=pack.schema.json\n", 0) == 0);
  CHECK(manifest.find("\n  name: orders\n") != std::string::npos);
  CHECK(read_text((pack / "pack.schema.json").string()) == run_ipack({"schema", "pack"}).out);
  // The config goes to the repository root, where a run from the root finds it.
  CHECK(read_text(repo + "/.ipack.yaml").find("kind: Config\n") != std::string::npos);

  // The three placeholders (description, publisher, component id) and nothing else.
  auto only_placeholders = [](const std::string& out) {
    size_t findings = 0;
    for (size_t at = out.find(": warning: "); at != std::string::npos; at = out.find(": warning: ", at + 1)) ++findings;
    size_t placeholders = 0;
    for (size_t at = out.find("[placeholder]"); at != std::string::npos; at = out.find("[placeholder]", at + 1))
      ++placeholders;
    return findings == 3 && placeholders == 3 && out.find("0 errors, 3 warnings in 2 files\n") != std::string::npos;
  };
  SECTION("from the repository root") {
    auto v = run_ipack({"validate", "--color", "never", "orders"}, {repo});
    CHECK(v.exit_code == 0);
    CHECK(only_placeholders(v.out));
    CHECK(v.err.empty());
    CHECK(run_ipack({"validate", "--strict", "orders"}, {repo}).exit_code == 1);
  }
  SECTION("from the pack's folder") {
    auto v = run_ipack({"validate", "--color", "never"}, {pack.string()});
    CHECK(v.exit_code == 0);
    CHECK(only_placeholders(v.out));
  }
  SECTION("the placeholder's suppression asks to be removed once the export is there") {
    fs::copy(ipack::test::source_dir() + "/examples/crm-sync/components", pack / "components",
             fs::copy_options::recursive);
    std::string with_id = manifest;
    with_id.replace(with_id.find("00000000-0000-0000-0000-000000000000"), 36, "8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b");
    std::ofstream(pack / "pack.yaml", std::ios::binary) << with_id;
    auto v = run_ipack({"validate", "--color", "never", "orders"}, {repo});
    CHECK(v.out.find("suppresses no closure-unchecked finding") != std::string::npos);
    CHECK(v.out.find("[closure-unchecked]") == std::string::npos);
  }
}

TEST_CASE("init names the pack after its folder, made valid", "[cli][init]") {
  auto repo = make_repo();
  fs::create_directory(fs::path(repo) / "My_Orders Pack");
  auto r = run_ipack({"init"}, {repo + "/My_Orders Pack"});
  CHECK(r.exit_code == 0);
  CHECK(
      read_text(repo + "/My_Orders Pack/pack.yaml").find("\n  name: my-orders-pack\n  displayName: My Orders Pack\n") !=
      std::string::npos);
  CHECK(run_ipack({"validate", "My_Orders Pack"}, {repo}).exit_code == 0);

  SECTION("outside a repository the config goes into the pack's folder") {
    auto plain = make_temp_dir();
    CHECK(run_ipack({"init", "p"}, {plain}).exit_code == 0);
    CHECK(fs::exists(plain + "/p/.ipack.yaml"));
  }

  auto named = run_ipack({"init", "--name", "crm-orders", "other"}, {repo});
  CHECK(named.exit_code == 0);
  CHECK(read_text(repo + "/other/pack.yaml").find("\n  name: crm-orders\n") != std::string::npos);
}

TEST_CASE("init refuses to overwrite, naming the files", "[cli][init]") {
  auto repo = make_repo();
  REQUIRE(run_ipack({"init", "p"}, {repo}).exit_code == 0);
  std::string edited = "# edited\n" + read_text(repo + "/p/pack.yaml");
  std::ofstream(repo + "/p/pack.yaml", std::ios::binary) << edited;

  auto again = run_ipack({"init", "p"}, {repo});
  CHECK(again.exit_code == 3);
  CHECK(again.out.empty());
  CHECK(again.err ==
        "ipack: error: not overwriting p/pack.yaml, p/pack.schema.json; remove them, init another folder, or use "
        "--force\n");
  CHECK(read_text(repo + "/p/pack.yaml") == edited);

  SECTION("--force rewrites what init writes, and leaves the rest") {
    auto forced = run_ipack({"init", "--force", "p"}, {repo});
    CHECK(forced.exit_code == 0);
    CHECK(forced.out.rfind("created p/pack.yaml\ncreated p/pack.schema.json\nnext: ", 0) == 0);
    CHECK(read_text(repo + "/p/pack.yaml") == edited.substr(std::string("# edited\n").size()));
  }
}

TEST_CASE("init writes no config where one already applies", "[cli][init]") {
  auto repo = make_repo();
  std::ofstream(repo + "/.ipack.yaml") << "apiVersion: ipack/v1\nkind: Config\n";
  auto r = run_ipack({"init", "packs/p"}, {repo});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(".ipack.yaml") == std::string::npos);
  CHECK_FALSE(fs::exists(repo + "/packs/p/.ipack.yaml"));
  auto v = run_ipack({"validate", "--color", "never"}, {repo});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("0 errors, 3 warnings in 2 files\n") != std::string::npos);
}

TEST_CASE("init with a bad name exits 2 and writes nothing", "[cli][init]") {
  auto repo = make_repo();
  auto r = run_ipack({"init", "--name", "Bad_Name", "p"}, {repo});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "ipack: error: --name \"Bad_Name\" is not a pack name: 1-63 lower-case letters, digits and hyphens, not "
        "starting or ending with a hyphen (did you mean \"bad-name\"?)\n");
  CHECK_FALSE(fs::exists(repo + "/p"));
  CHECK(run_ipack({"init", "--name", "-x", "p"}, {repo}).exit_code == 2);
  CHECK(run_ipack({"init", "--name", std::string(64, 'a'), "p"}, {repo}).exit_code == 2);
  CHECK(run_ipack({"init", "--bogus"}, {repo}).exit_code == 2);
}
