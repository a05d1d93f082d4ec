// The bundle's tar stream as gzip members: the same bytes whatever the number of threads,
// read back as one tar by zlib and libarchive, with each file read once.
#include "bundle/tar_members.h"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>

#include <catch2/catch.hpp>

#include "base/digest.h"

namespace ipack {
namespace {

// Expands every member, in order; `members` counts them.
std::string gunzip(const std::string& gz, size_t& members) {
  std::string out;
  members = 0;
  size_t at = 0;
  while (at < gz.size()) {
    z_stream z{};
    REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data() + at));
    z.avail_in = static_cast<uInt>(gz.size() - at);
    int rc;
    do {
      char buf[65536];
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
      REQUIRE((rc == Z_OK || rc == Z_STREAM_END));
      out.append(buf, sizeof buf - z.avail_out);
    } while (rc != Z_STREAM_END);
    at += z.total_in;
    inflateEnd(&z);
    ++members;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> untar(const std::string& tar, int64_t mtime = 1795478400) {
  std::vector<std::pair<std::string, std::string>> out;
  struct archive* a = archive_read_new();
  archive_read_support_format_tar(a);
  REQUIRE(archive_read_open_memory(a, tar.data(), tar.size()) == ARCHIVE_OK);
  struct archive_entry* e;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    CHECK(archive_entry_mtime(e) == mtime);
    CHECK(archive_entry_perm(e) == 0644);
    CHECK(archive_entry_uid(e) == 0);
    std::string content(static_cast<size_t>(archive_entry_size(e)), '\0');
    CHECK(archive_read_data(a, content.data(), content.size()) == static_cast<la_ssize_t>(content.size()));
    out.emplace_back(archive_entry_pathname(e), content);
  }
  archive_read_free(a);
  return out;
}

std::string joined(const std::vector<std::string>& members) {
  std::string all;
  for (const auto& m : members) all += m;
  return all;
}

// The members of `entries` (with the archive's end), checked to be the same bytes with 1 and 4
// threads.
std::vector<std::string> members_of(std::vector<BundleEntry>& entries) {
  std::vector<BundleEntry*> pointers;
  for (auto& e : entries) pointers.push_back(&e);
  auto one = tar_members(pointers, 1795478400, 1, true);
  auto four = tar_members(pointers, 1795478400, 4, true);
  REQUIRE(one);
  REQUIRE(four);
  CHECK(joined(*one) == joined(*four));
  return std::move(one).take();
}

// The tar holds `entries`, in order, with their contents.
void check_holds(const std::string& tar, const std::vector<BundleEntry>& entries) {
  auto read = untar(tar);
  REQUIRE(read.size() == entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    CHECK(read[i].first == entries[i].name);
    CHECK(read[i].second == entries[i].content);
  }
}

}  // namespace

TEST_CASE("tar members: the same bytes with 1 or 4 threads, one tar when expanded", "[tar-members]") {
  std::vector<BundleEntry> entries;
  for (int i = 0; i < 12; ++i) {
    std::string content;
    while (content.size() < 300000u + static_cast<size_t>(i) * 777) content += "<row n=\"" + std::to_string(i) + "\"/>";
    entries.push_back({"components/" + std::to_string(100 + i) + ".xml", content, {}, "", 0});
  }
  std::string long_name = "components/" + std::string(120, 'd') + "/" + std::string(90, 'f') + ".xml";
  entries.push_back({long_name, "x", {}, "", 0});
  std::vector<std::string> one = members_of(entries);
  CHECK(one.size() > 2);  // 3.6 MB of tar: several members of at least 1 MiB each
  size_t members = 0;
  std::string tar = gunzip(joined(one), members);
  CHECK(members == one.size());
  CHECK(tar.size() % 512 == 0);
  CHECK(tar.substr(tar.size() - 1024) == std::string(1024, '\0'));
  check_holds(tar, entries);
}

TEST_CASE("tar members: an entry made in memory over 1 MiB is cut into slices of its own", "[tar-members]") {
  // pack.json of a large pack: cut into members of kSliceBytes of tar, the same with any number
  // of threads, between runs of whole entries; with the end of the archive in its last slice.
  std::string big;
  for (int i = 0; big.size() < 2 * kTarMemberBytes + 1000; ++i)
    big += "{\"sha256\":\"" + std::to_string(i * 7919) + "\"},";
  for (bool big_last : {false, true}) {
    std::vector<BundleEntry> entries{{"a.json", "small before", {}, "", 0}, {"pack.json", big, {}, "", 0}};
    if (!big_last) entries.push_back({"z.json", "small after", {}, "", 0});
    std::vector<std::string> one = members_of(entries);
    uint64_t big_tar = 512 + (big.size() + 511) / 512 * 512 + (big_last ? 1024 : 0);
    size_t slices = static_cast<size_t>((big_tar + kSliceBytes - 1) / kSliceBytes);
    CHECK(one.size() == 1 + slices + (big_last ? 0 : 1));  // a run before, the slices, a run after
    size_t members = 0;
    std::string tar = gunzip(joined(one), members);
    CHECK(members == one.size());
    // Each slice expands to exactly kSliceBytes of tar, but the last.
    size_t count = 0;
    CHECK(gunzip(one[1], count).size() == kSliceBytes);
    CHECK(gunzip(one[slices], count).size() == big_tar - (slices - 1) * kSliceBytes);
    CHECK(tar.substr(tar.size() - 1024) == std::string(1024, '\0'));
    check_holds(tar, entries);
    // The entries before a sliced one, it, and those after it: the same members from three
    // calls as from one (build signs pack.json while its slices are compressed).
    REQUIRE(cut_into_slices(entries[1]));
    CHECK_FALSE(cut_into_slices(entries[0]));
    std::string apart;
    for (size_t i = 0; i < entries.size(); ++i) {
      auto part = tar_members({&entries[i]}, 1795478400, 2, i + 1 == entries.size());
      REQUIRE(part);
      apart += joined(*part);
    }
    CHECK(apart == joined(one));
  }
}

TEST_CASE("tar members: a file is read once, digested, and must not change", "[tar-members]") {
  char path[] = "/tmp/ipack-tar-members-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(path, std::ios::binary) << "<bns:Component/>";
  BundleEntry e{"components/a.xml", "", path, "", 0};
  std::vector<BundleEntry*> one{&e};
  auto members = tar_members(one, 0, 2, false);
  REQUIRE(members);
  CHECK(e.sha256 == sha256_hex("<bns:Component/>"));
  CHECK(e.size == 16);
  size_t count = 0;
  CHECK(untar(gunzip(joined(*members), count) + std::string(1024, '\0'), 0).at(0).second == "<bns:Component/>");
  // Read again with the digest recorded: different bytes of the same size are refused.
  std::ofstream(path, std::ios::binary) << "<bns:Component?>";
  auto changed = tar_members(one, 0, 1, false);
  REQUIRE_FALSE(changed);
  CHECK_THAT(changed.error(), Catch::Contains("changed while the bundle was being built"));
  std::remove(path);
  BundleEntry gone{"components/b.xml", "", path, "", 0};
  std::vector<BundleEntry*> missing{&gone};
  auto unread = tar_members(missing, 0, 1, false);
  REQUIRE_FALSE(unread);
  CHECK_THAT(unread.error(), Catch::Contains("cannot read"));
}

TEST_CASE("ustar headers: long names split at a slash, what does not fit is refused", "[tar-members]") {
  auto h = ustar_header("components/" + std::string(120, 'd') + "/x.xml", 5, 0);
  REQUIRE(h);
  CHECK(h->size() == 512);
  CHECK(h->substr(345, 11) == "components/");
  CHECK_THAT(ustar_header(std::string(300, 'n'), 1, 0).error(), Catch::Contains("too long for a tar header"));
  CHECK_THAT(ustar_header("a/" + std::string(120, 'n'), 1, 0).error(), Catch::Contains("too long"));
  CHECK_THAT(ustar_header("a.xml", 1, -1).error(), Catch::Contains("cannot be stored in a tar header"));
}

}  // namespace ipack
