#include "components/component_index.h"

#include <algorithm>
#include <fstream>

#include <catch2/catch.hpp>

#include "base/temp_dir_for_tests.h"
#include "input/discovery.h"

namespace fs = std::filesystem;

namespace ipack {
namespace {

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

std::string export_of(const std::string& id) {
  return "<bns:Component xmlns:bns=\"http://api.platform.boomi.com/\" componentId=\"" + id +
         "\" name=\"n\" type=\"process\"><bns:object/></bns:Component>";
}

}  // namespace

TEST_CASE("exports are taken in path order, part by part, whatever the bytes between parts", "[export]") {
  // `-` and `.` sort below `/` as bytes, but a folder's name is compared whole: a/ before a-b/.
  TempDir dir;
  const std::string id = "8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
  std::vector<std::string> names = {"a-b/x.xml", "a/x.xml", "a.b/x.xml",   "a/b/x.xml", "ab.xml",
                                    "a/a.xml",   ".xml",    "a/notes.txt", "..xml"};
  for (const auto& n : names) write(dir.path / "components" / n, export_of(id));

  ComponentIndex index = index_components(dir.path / "components", dir.path, 1, {});
  // The order std::filesystem::path gives, of the files with the extension .xml.
  std::vector<fs::path> expected;
  for (const auto& n : names) {
    fs::path p = dir.path / "components" / n;
    if (p.extension() == ".xml") expected.push_back(p);
  }
  std::sort(expected.begin(), expected.end());
  REQUIRE(index.files == expected.size());
  REQUIRE(index.components.size() == 1);  // one id: the first file in order is kept
  CHECK(index.components[0].file == display_path(expected[0]));
  // The others are duplicates, each pointing at the first, reported in order.
  std::vector<std::string> duplicates;
  for (const auto& f : index.findings)
    if (f.rule == "duplicate-component") duplicates.push_back(f.file);
  std::vector<std::string> rest;
  for (size_t i = 1; i < expected.size(); ++i) rest.push_back(display_path(expected[i]));
  CHECK(duplicates == rest);
}

TEST_CASE("display_path: a plain relative path is kept, others are normalised", "[export]") {
  CHECK(display_path("a/b/c.xml") == "a/b/c.xml");
  CHECK(display_path("a/./b//c.xml") == "a/b/c.xml");
  CHECK(display_path("a/x/../c.xml") == "a/c.xml");
  CHECK(display_path("..x/.hidden/c.xml") == "..x/.hidden/c.xml");
  CHECK(file_name_of("a/b/c.xml") == "c.xml");
  CHECK(file_name_of("c.xml") == "c.xml");
}

}  // namespace ipack
