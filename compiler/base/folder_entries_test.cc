#include "base/folder_entries.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <random>

#include <sys/stat.h>
#include <catch2/catch.hpp>

#include "base/temp_dir_for_tests.h"

namespace fs = std::filesystem;

namespace ipack {

TEST_CASE("a folder lists each entry with the kind of what it names, links followed", "[folders]") {
  TempDir dir;
  const fs::path& d = dir.path;
  fs::create_directory(d / "sub");
  fs::create_directory(d / ".hidden");
  std::ofstream(d / "a.xml") << "<a/>";
  std::ofstream(d / ".dot.xml") << "<a/>";
  fs::create_directory_symlink(d / "sub", d / "to-sub");
  fs::create_symlink(d / "a.xml", d / "to-a.xml");
  fs::create_symlink(d / "gone.xml", d / "broken.xml");
  REQUIRE(::mkfifo((d / "pipe.xml").c_str(), 0600) == 0);

  auto entries = list_folder(d.string());
  REQUIRE(entries);
  std::map<std::string, std::pair<FolderEntry::Kind, bool>> seen;
  for (const auto& e : *entries) seen[e.name] = {e.kind, e.symlink};
  using K = FolderEntry::Kind;
  std::map<std::string, std::pair<FolderEntry::Kind, bool>> expected{
      {"sub", {K::kFolder, false}},      {".hidden", {K::kFolder, false}}, {"a.xml", {K::kFile, false}},
      {".dot.xml", {K::kFile, false}},   {"to-sub", {K::kFolder, true}},   {"to-a.xml", {K::kFile, true}},
      {"broken.xml", {K::kOther, true}}, {"pipe.xml", {K::kOther, false}},
  };
  CHECK(seen == expected);  // and neither `.` nor `..`

  // std::filesystem agrees on every entry.
  for (const auto& e : *entries) {
    INFO(e.name);
    fs::path p = d / e.name;
    CHECK((e.kind == K::kFolder) == fs::is_directory(p));
    CHECK((e.kind == K::kFile) == fs::is_regular_file(p));
    CHECK(e.symlink == fs::is_symlink(p));
  }
}

TEST_CASE("a folder that cannot be listed gives the system's reason, as std::filesystem words it", "[folders]") {
  TempDir dir;
  std::ofstream(dir.path / "file") << "x";
  for (const fs::path& p : {dir.path / "missing", dir.path / "file"}) {
    INFO(p);
    auto entries = list_folder(p.string());
    REQUIRE_FALSE(entries);
    std::error_code ec;
    fs::directory_iterator it(p, ec);
    REQUIRE(ec);
    CHECK(entries.error() == ec.message());
  }
  CHECK(list_folder("").error() == "No such file or directory");
}

TEST_CASE("paths are joined as std::filesystem joins them", "[folders]") {
  for (const auto& [folder, name] : std::vector<std::pair<std::string, std::string>>{
           {"components", "a.xml"}, {"components/", "a.xml"}, {"/", "tmp"}, {"", "a.xml"}, {"./x", "y"}}) {
    INFO(folder << " + " << name);
    CHECK(join_path(folder, name) == (fs::path(folder) / name).native());
  }
}

TEST_CASE("path order compares part by part, as std::filesystem::path does", "[folders]") {
  // Names from bytes that sort around `/` (0x2F): `-` and `.` below it, `0` and `_` above.
  const std::string alphabet = "-./0_aZ\x7f\xc3";
  std::mt19937 random(15);
  auto part = [&] {
    std::string s(1 + random() % 3, 'a');
    for (char& c : s) {
      c = alphabet[random() % alphabet.size()];
      if (c == '/') c = '-';
    }
    return s;
  };
  auto path = [&] {
    std::string p = "components";
    for (unsigned n = 1 + random() % 3; n > 0; --n) p = join_path(p, part());
    return p;
  };
  std::vector<std::string> paths;
  for (int i = 0; i < 400; ++i) paths.push_back(path());
  paths.push_back("components/a");
  paths.push_back("components/a/b");
  paths.push_back("components/a-b");
  paths.push_back("components/a.b/c");
  int disagreements = 0;
  for (const auto& a : paths)
    for (const auto& b : paths)
      if (path_order_less(a, b) != (fs::path(a) < fs::path(b))) ++disagreements;
  CHECK(disagreements == 0);
  CHECK(path_order_less("components/a/b", "components/a-b"));  // where plain text order differs
  CHECK_FALSE(std::string("components/a/b") < std::string("components/a-b"));
}

}  // namespace ipack
