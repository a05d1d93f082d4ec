// Hostile inputs and hostile surroundings, end to end: every case ends with the documented
// exit code (never 4, never a signal but SIGPIPE), quickly, and leaves no partial file.
#include <archive.h>
#include <archive_entry.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::source_dir;

namespace {

// `sh -c SCRIPT` with $IPACK set to the binary, in the source tree; the exit code (128 + the
// signal for one that was killed).
int sh(const std::string& script) {
  ::setenv("IPACK", IPACK_BINARY, 1);
  std::string command = "cd '" + source_dir() + "' && { " + script + "; }";
  int status = std::system(command.c_str());
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

// A gzip'd tar of {name, content}, as a hostile tool would make it.
void write_raw_tar(const std::string& path, const std::vector<std::pair<std::string, std::string>>& entries) {
  struct archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_add_filter_gzip(a);
  REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
  for (const auto& [name, content] : entries) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    archive_write_header(a, e);
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

struct Pack {
  std::string dir = make_temp_dir();
  std::string bundle = dir + "/dist/crm-sync-2.4.0.ipack";
  Pack() { REQUIRE(run_ipack({"build", "examples/crm-sync", "-o", dir + "/dist", "--unsigned"}).exit_code == 0); }
};
const Pack& pack() {
  static Pack p;
  return p;
}

}  // namespace

TEST_CASE("inspect and diff refuse a hostile pack.json with exit 1 or 3, never crash", "[hardening][bundle]") {
  auto dir = make_temp_dir();
  struct Case {
    const char* name;
    std::string pack_json;
    const char* reason;
  };
  std::vector<Case> cases = {
      {"deep", std::string(100000, '[') + std::string(100000, ']'), "nests deeper than 64"},
      {"packages", R"({"format":"ipack-bundle/1","metadata":{"name":"p","version":"1"},"packages":[1],"files":{}})",
       "`packages[0]` is not an object"},
      {"format", R"({"format":1,"metadata":{"name":"p","version":"1"},"packages":[],"files":{}})",
       "unknown bundle format 1"},
      {"metadata", R"({"format":"ipack-bundle/1","metadata":"x","packages":[],"files":{}})",
       "`metadata` is not an object"},
      {"no-metadata", R"({"format":"ipack-bundle/1","packages":[],"files":{}})", "no `metadata`"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    std::string bundle = dir + "/" + c.name + ".ipack";
    write_raw_tar(bundle, {{"pack.json", c.pack_json}});
    auto inspect = run_ipack({"inspect", bundle});
    CHECK(inspect.exit_code == 1);
    CHECK_THAT(inspect.err, Catch::Contains(c.reason));
    auto diff = run_ipack({"diff", bundle, pack().bundle});
    CHECK(diff.exit_code == 3);
    CHECK_THAT(diff.err, Catch::Contains(c.reason));
    auto verify = run_ipack({"verify", bundle, "--allow-unsigned"});
    CHECK(verify.exit_code == 1);
  }
}

TEST_CASE("a bundle without its gzip trailer is not verified (exit 1, not 4)", "[hardening][bundle]") {
  auto dir = make_temp_dir();
  std::string bytes = read_text(pack().bundle);
  for (size_t cut : {1, 4, 8}) {
    std::ofstream(dir + "/cut.ipack", std::ios::binary) << bytes.substr(0, bytes.size() - cut);
    auto r = run_ipack({"verify", dir + "/cut.ipack", "--allow-unsigned"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("truncated or corrupt"));
  }
  std::ofstream(dir + "/tail.ipack", std::ios::binary) << bytes << "garbage";
  CHECK(run_ipack({"verify", dir + "/tail.ipack", "--allow-unsigned"}).exit_code == 1);
}

TEST_CASE("a --previous bundle of another pack is an error", "[hardening][bundle]") {
  for (const char* command : {"validate", "build"}) {
    std::vector<std::string> args = {command,      "examples/invalid/installation-changed/pack.yaml",
                                     "--previous", pack().bundle,
                                     "-o",         make_temp_dir() + "/out"};
    if (std::string(command) == "build") args.push_back("--unsigned");
    auto r = run_ipack(args);
    INFO(command << ": " << r.err);
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::Contains("is a bundle of pack \"crm-sync\", not of \"order-sync\""));
  }
}

TEST_CASE("output that cannot be written is exit 3; a reader that left is quiet", "[hardening][output]") {
  auto dir = make_temp_dir();
  CHECK(sh("\"$IPACK\" schema pack > /dev/full 2>" + dir + "/err") == 3);
  CHECK_THAT(read_text(dir + "/err"), Catch::Contains("cannot write to standard output"));
  CHECK(sh("\"$IPACK\" schema pack >&- 2>" + dir + "/err") == 3);
  CHECK_THAT(read_text(dir + "/err"), Catch::Contains("standard output: it is closed"));
  CHECK(sh("\"$IPACK\" schema pack 2>" + dir + "/err | head -c 1 >/dev/null") == 0);
  CHECK(read_text(dir + "/err").empty());
}

TEST_CASE("output with -o writes through a FIFO or device and refuses a symbolic link", "[hardening][output]") {
  auto dir = make_temp_dir();
  REQUIRE(::mkfifo((dir + "/fifo").c_str(), 0600) == 0);
  CHECK(sh("cat " + dir + "/fifo > " + dir + "/read & \"$IPACK\" validate examples/crm-sync -o " + dir +
           "/fifo; s=$?; wait; exit $s") == 0);
  CHECK(fs::is_fifo(dir + "/fifo"));
  CHECK_THAT(read_text(dir + "/read"), Catch::Contains("0 errors"));

  std::ofstream(dir + "/real.txt") << "mine";
  fs::create_symlink(dir + "/real.txt", dir + "/link.txt");
  auto r = run_ipack({"validate", "examples/crm-sync", "-o", dir + "/link.txt"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("symbolic link"));
  CHECK(fs::is_symlink(dir + "/link.txt"));
  CHECK(read_text(dir + "/real.txt") == "mine");
  CHECK(run_ipack({"validate", "examples/crm-sync", "-o", "/dev/null"}).exit_code == 0);
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("a FIFO named as a manifest or key is refused, not waited on", "[hardening][input]") {
  auto dir = make_temp_dir();
  REQUIRE(::mkfifo((dir + "/pack.yaml").c_str(), 0600) == 0);
  auto r = run_ipack({"validate", dir + "/pack.yaml"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("not a regular file"));
  REQUIRE(::mkfifo((dir + "/key.pem").c_str(), 0600) == 0);
  r = run_ipack({"build", "examples/crm-sync", "-o", dir + "/out", "--key", dir + "/key.pem"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("not a regular file"));
}

TEST_CASE("a public key passed to build --key is named for what it is", "[hardening][input]") {
  auto dir = make_temp_dir();
  REQUIRE(run_ipack({"keygen", dir + "/k"}).exit_code == 0);
  auto r = run_ipack({"build", "examples/crm-sync", "-o", dir + "/out", "--key", dir + "/k.pub.pem"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("is a public key"));
  CHECK_FALSE(fs::exists(dir + "/out/crm-sync-2.4.0.ipack"));
}

TEST_CASE("init that cannot write leaves nothing half-made", "[hardening][output]") {
  auto dir = make_temp_dir();
  // No byte may be written (as on a full disk): every write fails with EFBIG.
  CHECK(sh("ulimit -f 0; trap '' XFSZ; exec \"$IPACK\" init " + dir + "/new/pack 2>/dev/null") == 3);
  CHECK_FALSE(fs::exists(dir + "/new"));
}

TEST_CASE("standard input is read up to the limit, never whole", "[hardening][input]") {
  auto start = std::chrono::steady_clock::now();
  CHECK(sh("head -c 1073741824 /dev/zero | \"$IPACK\" validate - >/dev/null 2>&1") == 1);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("temporary files of build are removed on SIGTERM, and stale ones on the next build", "[hardening][output]") {
  auto dir = make_temp_dir();
  fs::copy(source_dir() + "/examples/crm-sync", dir + "/pack", fs::copy_options::recursive);
  std::string profile = dir + "/pack/components/profiles/crm-account-json.xml";
  std::string text = read_text(profile);
  std::string filler;
  while (filler.size() < (48u << 20)) filler += "<!-- filler to make this export large, and slow to compress -->\n";
  text.insert(text.rfind("</bns:Component>"), filler);
  std::ofstream(profile, std::ios::binary) << text;
  auto temporaries = [&] {
    int n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir + "/out", ec))
      n += e.path().filename().string().rfind(".crm-sync-2.4.0.ipack.", 0) == 0;
    return n;
  };
  pid_t pid = fork();
  if (pid == 0) {
    std::string out = dir + "/out";
    execl(IPACK_BINARY, "ipack", "build", (dir + "/pack").c_str(), "-o", out.c_str(), "--unsigned", (char*)nullptr);
    _exit(127);
  }
  bool writing = false;
  for (int i = 0; i < 3000 && !writing; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    writing = temporaries() > 0;
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(writing);
  CHECK(WIFSIGNALED(status));
  CHECK(temporaries() == 0);

  // One left by a build that was killed (SIGKILL cannot be caught), an hour ago.
  std::string stale = dir + "/out/.crm-sync-2.4.0.ipack.Ab3dEf";
  std::ofstream(stale) << "half a bundle";
  struct utimbuf old {
    std::time(nullptr) - 3600, std::time(nullptr) - 3600
  };
  REQUIRE(::utime(stale.c_str(), &old) == 0);
  fs::remove(profile);
  fs::copy(source_dir() + "/examples/crm-sync/components/profiles/crm-account-json.xml", profile);
  CHECK(run_ipack({"build", dir + "/pack", "-o", dir + "/out", "--unsigned"}).exit_code == 0);
  CHECK(temporaries() == 0);
  CHECK(fs::exists(dir + "/out/crm-sync-2.4.0.ipack"));
}

TEST_CASE("spec.components outside the pack is refused at spec.components, and nothing there is read",
          "[hardening][input]") {
  auto dir = make_temp_dir();
  fs::copy(source_dir() + "/examples/crm-sync", dir + "/pack", fs::copy_options::recursive);
  fs::create_directory(dir + "/elsewhere");
  std::ofstream(dir + "/elsewhere/bad.xml") << "not XML";  // a finding, were it read
  fs::create_directory_symlink(dir + "/elsewhere", dir + "/pack/linked");
  std::string manifest = read_text(dir + "/pack/pack.yaml");
  REQUIRE(manifest.find("\n  components: components\n") != std::string::npos);
  for (const std::string& folder : {std::string("/"), dir + "/pack/components", std::string("../pack/components"),
                                    std::string("components/../../elsewhere"), std::string("linked")}) {
    INFO(folder);
    std::string text = manifest;
    text.replace(text.find("\n  components: components\n") + 1, 24, "  components: \"" + folder + "\"");
    std::ofstream(dir + "/pack/pack.yaml") << text;
    auto r = run_ipack({"validate", dir + "/pack"});
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("pack.yaml:17:") && Catch::Contains("`spec.components`"));
    CHECK(r.out.find("bad.xml") == std::string::npos);
  }
}

TEST_CASE("a components folder the manifest does not name is not read into the result", "[hardening][input]") {
  // ipack starts reading `components/` next to a pack.yaml before the YAML is parsed; what it
  // reads there counts only when the manifest names that folder.
  auto dir = make_temp_dir();
  fs::copy(source_dir() + "/examples/crm-sync", dir + "/pack", fs::copy_options::recursive);
  fs::rename(dir + "/pack/components", dir + "/pack/exports");
  fs::create_directory(dir + "/pack/components");
  for (int i = 0; i < 50; ++i) std::ofstream(dir + "/pack/components/bad" + std::to_string(i) + ".xml") << "not XML";
  std::string manifest = read_text(dir + "/pack/pack.yaml");
  REQUIRE(manifest.find("\n  components: components\n") != std::string::npos);
  manifest.replace(manifest.find("\n  components: components\n") + 1, 24, "  components: exports");
  std::ofstream(dir + "/pack/pack.yaml") << manifest;
  for (const char* jobs : {"1", "2", "4"}) {
    INFO(jobs);
    auto r = run_ipack({"validate", "--jobs", jobs, dir + "/pack"});
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("bad") == std::string::npos);
  }
  // A manifest that is not YAML: its finding, and nothing from the folder.
  std::ofstream(dir + "/pack/pack.yaml") << "apiVersion: [\n";
  auto broken = run_ipack({"validate", dir + "/pack"});
  CHECK(broken.exit_code == 1);
  CHECK_THAT(broken.out, Catch::Contains("pack.yaml:"));
  CHECK(broken.out.find("bad") == std::string::npos);
}

TEST_CASE("a folder that cannot be read is exit 3 with its path", "[hardening][input]") {
  auto dir = make_temp_dir();
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                           fs::perms::others_exec);
  for (const char* name : {"a", "b", "c"})
    fs::copy(source_dir() + "/examples/crm-sync", dir + "/" + name, fs::copy_options::recursive);
  fs::create_directory(dir + "/b/closed");
  fs::permissions(dir + "/b/closed", fs::perms::none);
  // As root every folder is readable: run as nobody then.
  std::string as_user = ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  CHECK(sh(as_user + "\"$IPACK\" validate " + dir + " > " + dir + "/out 2> " + dir + "/err") == 3);
  CHECK_THAT(read_text(dir + "/err"), Catch::Contains("/b/closed: Permission denied"));
}

TEST_CASE("a folder or an export under the components folder that cannot be read is exit 3", "[hardening][input]") {
  auto dir = make_temp_dir();
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                           fs::perms::others_exec);
  fs::copy(source_dir() + "/examples/crm-sync", dir + "/pack", fs::copy_options::recursive);
  std::string as_user = ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  auto validate = [&] {
    return sh(as_user + "\"$IPACK\" validate " + dir + "/pack > " + dir + "/out 2> " + dir + "/err");
  };
  REQUIRE(validate() == 0);

  fs::create_directory(dir + "/pack/components/closed");
  fs::permissions(dir + "/pack/components/closed", fs::perms::none);
  CHECK(validate() == 3);
  CHECK_THAT(read_text(dir + "/err"), Catch::Contains("pack/components/closed: Permission denied"));
  fs::remove(dir + "/pack/components/closed");

  std::string an_export;
  for (const auto& e : fs::recursive_directory_iterator(dir + "/pack/components"))
    if (e.path().extension() == ".xml") an_export = e.path().string();
  REQUIRE_FALSE(an_export.empty());
  fs::permissions(an_export, fs::perms::none);
  CHECK(validate() == 3);
  CHECK_THAT(read_text(dir + "/err"), Catch::Contains(fs::path(an_export).filename().string() + ": Permission denied"));
}
