// Bundles end to end: build, verify, inspect; reproducibility; the openssl recipe of
// docs/bundle.md; every tampering class of bundle.md refused with its own reason; a killed
// build leaves no bundle.
#include <archive.h>
#include <archive_entry.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_ipack.h"

namespace fs = std::filesystem;
using ipack::test::make_temp_dir;
using ipack::test::read_text;
using ipack::test::run_ipack;
using ipack::test::RunOptions;
using ipack::test::source_dir;

namespace {

struct TarEntry {
  std::string name;
  std::string content;
  mode_t type = AE_IFREG;
  std::string link;
};

std::vector<TarEntry> read_tar(const std::string& path) {
  std::vector<TarEntry> out;
  struct archive* a = archive_read_new();
  archive_read_support_filter_gzip(a);
  archive_read_support_format_tar(a);
  REQUIRE(archive_read_open_filename(a, path.c_str(), 65536) == ARCHIVE_OK);
  struct archive_entry* e;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    TarEntry t{archive_entry_pathname(e), "", archive_entry_filetype(e), ""};
    char buf[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a, buf, sizeof buf)) > 0) t.content.append(buf, static_cast<size_t>(n));
    out.push_back(std::move(t));
  }
  archive_read_free(a);
  return out;
}

void write_tar(const std::string& path, const std::vector<TarEntry>& entries) {
  struct archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_add_filter_gzip(a);
  REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
  for (const auto& t : entries) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, t.name.c_str());
    archive_entry_set_filetype(e, t.type);
    archive_entry_set_perm(e, 0644);
    if (!t.link.empty()) archive_entry_set_symlink(e, t.link.c_str());
    archive_entry_set_size(e, t.type == AE_IFREG ? static_cast<la_int64_t>(t.content.size()) : 0);
    archive_write_header(a, e);
    if (t.type == AE_IFREG) archive_write_data(a, t.content.data(), t.content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

// A key pair and a signed bundle of the example, made once.
struct Built {
  std::string dir = make_temp_dir();
  std::string bundle = dir + "/dist/crm-sync-2.4.0.ipack";
  std::string key = dir + "/signer.pem";
  std::string pub = dir + "/signer.pub.pem";
  Built() {
    REQUIRE(run_ipack({"keygen", dir + "/signer"}).exit_code == 0);
    REQUIRE(run_ipack({"keygen", dir + "/other"}).exit_code == 0);
    auto r = run_ipack({"build", "examples/crm-sync", "-o", dir + "/dist", "--key", key});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
};

const Built& built() {
  static Built b;
  return b;
}

ipack::test::RunResult verify(const std::string& bundle, const std::string& pub = built().pub) {
  return run_ipack({"verify", bundle, "--key", pub});
}

}  // namespace

TEST_CASE("build writes a signed bundle that verify accepts", "[bundle]") {
  const Built& b = built();
  auto r = verify(b.bundle);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("verified ") == 0);
  CHECK(r.err.empty());
  auto entries = read_tar(b.bundle);
  REQUIRE(entries.size() == 2 + 2 + 23);
  CHECK(entries[0].name == "pack.json");
  CHECK(entries[1].name == "pack.sig");
  CHECK(entries[1].content.size() == 64);
  for (size_t i = 3; i < entries.size(); ++i) CHECK(entries[i - 1].name < entries[i].name);
  auto pack = nlohmann::json::parse(entries[0].content);
  CHECK(pack["format"] == "ipack-bundle/1");
  CHECK(pack["builtAt"] == 1795478400);
  CHECK(pack["packages"].size() == 4);
  CHECK(entries[0].content == pack.dump());  // canonical: sorted keys, no white space
  CHECK(entries[2].name == "components/0565ab43-dee2-4ce9-ae9b-346f3439b42a.xml");
  auto release = std::find_if(entries.begin(), entries.end(),
                              [](const TarEntry& e) { return e.name == "platform/ReleaseIntegrationPack.json"; });
  REQUIRE(release != entries.end());
  auto body = nlohmann::json::parse(release->content);
  CHECK(body["releaseSchedule"] == "IMMEDIATELY");
  CHECK(body["ReleasePackagedComponents"]["ReleasePackagedComponent"].size() == 4);
}

TEST_CASE("the same pack builds to the same bytes from two checkouts", "[bundle]") {
  auto one = make_temp_dir(), two = make_temp_dir();
  fs::copy(source_dir() + "/examples/crm-sync", one + "/crm-sync", fs::copy_options::recursive);
  fs::copy(source_dir() + "/examples/crm-sync", two + "/elsewhere", fs::copy_options::recursive);
  for (const auto& e : fs::recursive_directory_iterator(two))
    if (e.is_regular_file())
      fs::last_write_time(e.path(), fs::file_time_type::clock::now() - std::chrono::hours(24 * 400));
  auto a = run_ipack({"build", one + "/crm-sync", "-o", one + "/out", "--key", built().key});
  auto b = run_ipack({"build", two + "/elsewhere", "-o", two + "/out", "--key", built().key});
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(read_text(one + "/out/crm-sync-2.4.0.ipack") == read_text(two + "/out/crm-sync-2.4.0.ipack"));
  RunOptions later;
  later.env["SOURCE_DATE_EPOCH"] = "1795564800";
  auto c = run_ipack({"build", one + "/crm-sync", "-o", one + "/later", "--key", built().key}, later);
  REQUIRE(c.exit_code == 0);
  CHECK(read_text(one + "/later/crm-sync-2.4.0.ipack") != read_text(one + "/out/crm-sync-2.4.0.ipack"));
}

// The script under "<!-- verify-recipe -->" in docs/bundle.md, as the docs show it.
std::string verify_recipe() {
  std::string doc = read_text(source_dir() + "/docs/bundle.md");
  std::string start = "<!-- verify-recipe -->\n```sh\n";
  size_t from = doc.find(start);
  REQUIRE(from != std::string::npos);
  from += start.size();
  return doc.substr(from, doc.find("```", from) - from);
}

int run_recipe(const std::string& bundle, const std::string& pub) {
  std::string script = make_temp_dir() + "/recipe.sh";
  std::ofstream(script) << verify_recipe();
  std::string command = "BUNDLE='" + bundle + "' PUB='" + pub + "' bash '" + script + "' >/dev/null 2>&1";
  return std::system(command.c_str());
}

TEST_CASE("the recipe of docs/bundle.md verifies a bundle without ipack, and catches tampering", "[bundle]") {
  const Built& b = built();
  CHECK(run_recipe(b.bundle, b.pub) == 0);
  auto other = fs::path(b.pub).parent_path() / "other.pub.pem";
  CHECK(run_recipe(b.bundle, other.string()) != 0);
  auto entries = read_tar(b.bundle);
  entries[4].content += " ";
  std::string changed = make_temp_dir() + "/changed.ipack";
  write_tar(changed, entries);
  CHECK(run_recipe(changed, b.pub) != 0);
}

TEST_CASE("tampered bundles are refused, each with its own reason", "[bundle][tamper]") {
  const Built& b = built();
  auto original = read_tar(b.bundle);
  auto dir = make_temp_dir();
  auto variant = [&](const std::string& name, std::vector<TarEntry> entries) {
    std::string path = dir + "/" + name + ".ipack";
    write_tar(path, entries);
    return verify(path);
  };
  auto expect = [](const ipack::test::RunResult& r, const std::string& reason) {
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find(reason) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  };
  auto with = [&](auto&& change) {
    auto e = original;
    change(e);
    return e;
  };
  expect(variant("changed", with([](auto& e) { e[5].content += " "; })), "differs from what pack.json records");
  expect(variant("added", with([](auto& e) {
                   e.push_back({"components/extra.xml", "<x/>"});
                 })),
         "not listed in pack.json");
  expect(variant("removed", with([](auto& e) { e.erase(e.begin() + 5); })), "listed in pack.json but missing");
  expect(variant("renamed", with([](auto& e) { e[5].name += ".bak"; })), "was renamed to");
  expect(variant("parent", with([](auto& e) { e.push_back({"../evil.xml", "x"}); })), "climbs out with ..");
  expect(variant("absolute", with([](auto& e) { e.push_back({"/etc/evil", "x"}); })), "absolute name");
  expect(variant("symlink", with([](auto& e) {
                   e.push_back({"components/link.xml", "", AE_IFLNK, "/etc/passwd"});
                 })),
         "symbolic link");
  expect(variant("duplicated", with([](auto& e) { e.push_back(e[5]); })), "appears twice");
  expect(verify(b.bundle, dir + "/../" + fs::path(b.pub).parent_path().filename().string() + "/other.pub.pem"),
         "does not match key");
  expect(variant("unsigned", with([](auto& e) { e.erase(e.begin() + 1); })), "unsigned");
  expect(variant("format", with([](auto& e) {
                   auto pack = nlohmann::json::parse(e[0].content);
                   pack["format"] = "ipack-bundle/9";
                   e[0].content = pack.dump();
                 })),
         "unknown bundle format");
  SECTION("truncated") {
    std::string bytes = read_text(b.bundle);
    std::ofstream(dir + "/truncated.ipack", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    expect(verify(dir + "/truncated.ipack"), "truncated or corrupt");
  }
  SECTION("unsigned is accepted with --allow-unsigned, and verify writes nothing") {
    auto r = run_ipack({"build", "examples/crm-sync", "-o", dir + "/u", "--unsigned"});
    REQUIRE(r.exit_code == 0);
    auto before = std::distance(fs::directory_iterator(dir), fs::directory_iterator());
    CHECK(run_ipack({"verify", dir + "/u/crm-sync-2.4.0.ipack", "--allow-unsigned"}).exit_code == 0);
    CHECK(run_ipack({"verify", dir + "/u/crm-sync-2.4.0.ipack", "--key", b.pub}).exit_code == 1);
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == before);
  }
}

TEST_CASE("build writes nothing when the pack has errors, and refuses a readable key", "[bundle]") {
  auto dir = make_temp_dir();
  auto bad = run_ipack({"build", "examples/invalid/pack-limit", "-o", dir, "--key", built().key});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("[pack-limit]") != std::string::npos);
  CHECK(fs::is_empty(dir));
  fs::copy_file(built().key, dir + "/open.pem");
  fs::permissions(dir + "/open.pem", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  auto open = run_ipack({"build", "examples/crm-sync", "-o", dir + "/out", "--key", dir + "/open.pem"});
  CHECK(open.exit_code == 3);
  CHECK(open.err.find("chmod 600") != std::string::npos);
  CHECK(!fs::exists(dir + "/out"));
  auto none = run_ipack({"build", "examples/crm-sync", "-o", dir + "/out"});
  CHECK(none.exit_code == 2);
  RunOptions env;
  env.env["IPACK_SIGNING_KEY"] = read_text(built().key);
  auto from_env = run_ipack({"build", "examples/crm-sync", "-o", dir + "/env"}, env);
  CHECK(from_env.exit_code == 0);
  for (const auto* r : {&bad, &open, &none, &from_env}) {
    CHECK(r->out.find("PRIVATE KEY") == std::string::npos);
    CHECK(r->err.find("PRIVATE KEY") == std::string::npos);
  }
}

TEST_CASE("a build killed mid-write leaves no bundle at the target path", "[bundle]") {
  auto dir = make_temp_dir();
  fs::copy(source_dir() + "/examples/crm-sync", dir + "/pack", fs::copy_options::recursive);
  // A large export makes the write take long enough to be caught in the middle.
  std::string profile = dir + "/pack/components/profiles/crm-account-json.xml";
  std::string text = read_text(profile);
  std::string filler;
  while (filler.size() < (48u << 20)) filler += "<!-- filler to make this export large, and slow to compress -->\n";
  text.insert(text.rfind("</bns:Component>"), filler);
  std::ofstream(profile, std::ios::binary) << text;
  pid_t pid = fork();
  if (pid == 0) {
    std::string out = dir + "/out";
    execl(IPACK_BINARY, "ipack", "build", (dir + "/pack").c_str(), "-o", out.c_str(), "--unsigned", (char*)nullptr);
    _exit(127);
  }
  // Wait for the temporary bundle to appear, then kill the build.
  bool writing = false;
  for (int i = 0; i < 3000 && !writing; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir + "/out", ec))
      if (e.path().filename().string().rfind(".crm-sync-2.4.0.ipack.", 0) == 0) writing = true;
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(writing);
  CHECK(WIFSIGNALED(status));
  CHECK_FALSE(fs::exists(dir + "/out/crm-sync-2.4.0.ipack"));
}

TEST_CASE("inspect shows a bundle, signed or not, and says it did not verify", "[bundle]") {
  auto r = run_ipack({"inspect", built().bundle});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("crm-sync 2.4.0") == 0);
  CHECK(r.out.find("not verified") != std::string::npos);
  CHECK(r.out.find("closure: 10 components") != std::string::npos);
  auto j = nlohmann::json::parse(run_ipack({"inspect", "--format", "json", built().bundle}).out);
  CHECK(j["packages"].size() == 4);
  CHECK(j["signed"] == true);
  CHECK(j["verified"] == false);
}

TEST_CASE("a bundle gets a new file's mode, not the temporary file's 0600", "[bundle]") {
  auto perms = fs::status(built().bundle).permissions();
  CHECK((perms & fs::perms::others_read) != fs::perms::none);
  CHECK((perms & fs::perms::owner_write) != fs::perms::none);
}

// Exports big enough for several gzip members: the bundle must be the same bytes with one
// thread or four, and gzip, tar and verify must read it whole.
TEST_CASE("the bundle is the same bytes whatever --jobs is, and gzip, tar and verify read its members", "[bundle]") {
  auto dir = make_temp_dir();
  fs::copy(source_dir() + "/examples/crm-sync", dir + "/pack", fs::copy_options::recursive);
  size_t padded = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir + "/pack/components")) {
    if (!e.is_regular_file() || e.path().extension() != ".xml" || padded == 4) continue;
    std::string text = read_text(e.path().string());
    std::string filler;
    for (int i = 0; filler.size() < 700000; ++i) filler += "<!-- row " + std::to_string(i * 7919 % 100003) + " -->\n";
    text.insert(text.rfind("</bns:Component>"), filler);
    std::ofstream(e.path(), std::ios::binary) << text;
    ++padded;
  }
  REQUIRE(padded == 4);
  auto one = run_ipack({"build", dir + "/pack", "-o", dir + "/one", "--key", built().key, "--jobs", "1"});
  auto four = run_ipack({"build", dir + "/pack", "-o", dir + "/four", "--key", built().key, "--jobs", "4"});
  REQUIRE(one.exit_code == 0);
  REQUIRE(four.exit_code == 0);
  std::string bundle = dir + "/one/crm-sync-2.4.0.ipack";
  std::string bytes = read_text(bundle);
  CHECK(bytes == read_text(dir + "/four/crm-sync-2.4.0.ipack"));
  // Several members: a gzip header (1f 8b 08, no flags, zero time) starts more than one of them.
  size_t headers = 0;
  for (size_t at = bytes.find("\x1f\x8b\x08\x00\x00\x00\x00\x00"); at != std::string::npos;
       at = bytes.find("\x1f\x8b\x08\x00\x00\x00\x00\x00", at + 1))
    ++headers;
  CHECK(headers > 2);
  CHECK(std::system(("gzip -t '" + bundle + "'").c_str()) == 0);
  CHECK(std::system(("tar -xzf '" + bundle + "' -C '" + dir + "'").c_str()) == 0);
  CHECK(read_tar(bundle).size() == 2 + 2 + 23);
  CHECK(verify(bundle).exit_code == 0);
  CHECK(run_recipe(bundle, built().pub) == 0);
  // Cut after a member: gzip reads what is left, but the tar archive has lost its end.
  std::string cut = dir + "/cut.ipack";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.rfind("\x1f\x8b\x08\x00\x00\x00\x00\x00"));
  auto refused = verify(cut);
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("truncated or corrupt"));
}
