#include "base/read_file.h"

#include <fstream>

#include <sys/stat.h>
#include <catch2/catch.hpp>

#include "base/temp_dir_for_tests.h"

namespace fs = std::filesystem;

namespace ipack {
namespace {

void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

}  // namespace

TEST_CASE("a file is read whole, up to its cap, whatever its size was when it was opened", "[read]") {
  TempDir dir;
  fs::path file = dir.path / "f.xml";

  SECTION("as large as when opened, empty, over the cap") {
    for (size_t size : {size_t{0}, size_t{1}, size_t{20000}, size_t{200000}}) {
      std::string text(size, 'x');
      for (size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + i % 26);
      write(file, text);
      auto opened = OpenedFile::open(file);
      REQUIRE(opened);
      CHECK(opened->size() == size);
      auto read = opened->read(1 << 20);
      REQUIRE(read);
      CHECK(*read == text);
      auto capped = read_file_capped(file, 100);
      REQUIRE(capped);
      CHECK(*capped == text.substr(0, 101));  // one byte over the cap tells a larger file
    }
  }

  SECTION("a file that grew or shrank after it was opened is read to its end") {
    write(file, std::string(1000, 'a'));
    auto grown = OpenedFile::open(file);
    REQUIRE(grown);
    write(file, std::string(150000, 'b'));  // truncated and rewritten, larger
    auto read = grown->read(1 << 20);
    REQUIRE(read);
    CHECK(*read == std::string(150000, 'b'));

    auto shrunk = OpenedFile::open(file);
    REQUIRE(shrunk);
    write(file, std::string(10, 'c'));
    read = shrunk->read(1 << 20);
    REQUIRE(read);
    CHECK(*read == std::string(10, 'c'));

    write(file, std::string(10, 'd'));
    auto grown_past_cap = OpenedFile::open(file);
    REQUIRE(grown_past_cap);
    write(file, std::string(5000, 'e'));
    read = grown_past_cap->read(100);
    REQUIRE(read);
    CHECK(*read == std::string(101, 'e'));
  }

  SECTION("what is not a regular file is refused with a reason") {
    auto folder = OpenedFile::open(dir.path);
    REQUIRE_FALSE(folder);
    CHECK(folder.error() == "it is a folder");
    REQUIRE(mkfifo((dir.path / "fifo").c_str(), 0600) == 0);
    auto fifo = read_file_capped(dir.path / "fifo", 100);  // refused, not waited on
    REQUIRE_FALSE(fifo);
    CHECK(fifo.error() == "it is not a regular file");
    auto missing = read_file_capped(dir.path / "missing", 100);
    REQUIRE_FALSE(missing);
    CHECK(missing.error() == "No such file or directory");
  }
}

}  // namespace ipack
