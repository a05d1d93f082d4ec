// Hostile bundles, made here byte by byte: each is refused with its reason, within the limits,
// and never read differently from what `gzip -t` and `tar -xzf` would read.
#include "bundle/bundle_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>

#include <catch2/catch.hpp>

#include "base/digest.h"
#include "bundle/bundle_writer.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace ipack {
namespace {

struct Entry {
  std::string name;
  std::string content;
  bool sparse_hole = false;  ///< a sparse entry of `content.size()` bytes, all hole
};

std::string tar_of(const std::vector<Entry>& entries) {
  size_t capacity = 1 << 20;
  for (const auto& e : entries) capacity += e.content.size() + e.name.size() * 2 + 4096;
  std::string buffer(capacity, '\0');
  size_t used = 0;
  struct archive* a = archive_write_new();
  archive_write_set_format_pax(a);
  archive_write_set_bytes_in_last_block(a, 1);
  REQUIRE(archive_write_open_memory(a, buffer.data(), buffer.size(), &used) == ARCHIVE_OK);
  for (const auto& t : entries) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, t.name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(t.content.size()));
    if (t.sparse_hole) archive_entry_sparse_add_entry(e, static_cast<la_int64_t>(t.content.size()), 0);
    REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
    archive_write_data(a, t.content.data(), t.content.size());  // a sparse entry's holes are skipped
    archive_entry_free(e);
  }
  REQUIRE(archive_write_close(a) == ARCHIVE_OK);
  archive_write_free(a);
  buffer.resize(used);
  return buffer;
}

// One gzip member; with `name`, its header names a file (FNAME), as `gzip` without -n writes it.
std::string gzip_of(const std::string& bytes, const char* name = nullptr) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string file_name = name ? name : "";
  gz_header header{};
  header.name = reinterpret_cast<Bytef*>(file_name.data());
  if (name) REQUIRE(deflateSetHeader(&z, &header) == Z_OK);
  std::string out(deflateBound(&z, bytes.size()) + file_name.size() + 1, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

json valid_pack(const std::string& file_content) {
  Sha256 h;
  h.update(file_content);
  return {{"format", "ipack-bundle/1"},
          {"metadata", {{"name", "p"}, {"version", "1.0.0"}}},
          {"packages", json::array({{{"component", "c"}, {"name", "n"}, {"closure", nullptr}}})},
          {"files", {{"a.xml", {{"sha256", h.hex()}, {"size", file_content.size()}}}}}};
}

std::vector<Entry> valid_entries() { return {{"pack.json", valid_pack("<a/>").dump()}, {"a.xml", "<a/>"}}; }

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& bytes) {
    char name[] = "/tmp/ipack-bundle-test-XXXXXX";
    int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    ::close(fd);
    path = name;
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

// The reason read_bundle gives, "" when it reads the bundle.
std::string refusal(const std::string& bytes, const BundleLimits& limits = {}) {
  TempFile f(bytes);
  auto r = read_bundle(f.path, limits);
  return r ? "" : r.error();
}

}  // namespace

TEST_CASE("a well-formed bundle is read", "[bundle-reader]") {
  CHECK(refusal(gzip_of(tar_of(valid_entries()))) == "");
  // Zeros after the tar archive's end are padding, as tar writes it.
  CHECK(refusal(gzip_of(tar_of(valid_entries()) + std::string(10240, '\0'))) == "");
}

TEST_CASE("the gzip layer is read as gzip -t reads it", "[bundle-reader]") {
  std::string good = gzip_of(tar_of(valid_entries()));
  for (size_t cut = 1; cut <= 8; ++cut) {
    INFO(cut);
    CHECK_THAT(refusal(good.substr(0, good.size() - cut)), Catch::Contains("truncated or corrupt"));
  }
  std::string bad_crc = good;
  bad_crc[bad_crc.size() - 8] ^= 1;
  CHECK_THAT(refusal(bad_crc), Catch::Contains("incorrect data check"));
  std::string bad_length = good;
  bad_length[bad_length.size() - 1] ^= 1;
  CHECK_THAT(refusal(bad_length), Catch::Contains("incorrect length check"));
  CHECK_THAT(refusal(good + "garbage"), Catch::Contains("after the end of its gzip stream"));
  // A second gzip member is read as gzip -d reads it: the stream goes on (ipack writes several).
  CHECK_THAT(refusal(good + gzip_of("more")), Catch::Contains("after the end of its tar archive"));
  CHECK(refusal(good + gzip_of(std::string(512, '\0'))) == "");
  CHECK_THAT(refusal(tar_of(valid_entries())), Catch::Contains("not gzip-compressed"));
  CHECK_THAT(refusal(gzip_of(tar_of(valid_entries()) + std::string(1024, '\0') + "garbage")),
             Catch::Contains("after the end of its tar archive"));
  CHECK_THAT(refusal(""), Catch::Contains("truncated or corrupt"));
}

// Bytes that deflate cannot shrink much, so that a bundle of them expands in many steps.
std::string noise(size_t size, uint32_t seed) {
  std::string out(size, '\0');
  for (char& c : out) {
    seed = seed * 1664525u + 1013904223u;
    c = static_cast<char>(seed >> 24);
  }
  return out;
}

// `bundle` (pack.json and a.xml holding `big`) is read, a.xml's digest and size taken whole.
void check_reads_whole(const std::string& bundle, const std::string& big) {
  TempFile f(bundle);
  auto r = read_bundle(f.path);
  REQUIRE(r);
  Sha256 h;
  h.update(big);
  CHECK(r->entries.at("a.xml").sha256 == h.hex());
  CHECK(r->entries.at("a.xml").size == big.size());
  CHECK(r->pack["metadata"]["name"] == "p");
}

TEST_CASE("a bundle that expands in many chunks is read whole, and its first fault is the one reported",
          "[bundle-reader]") {
  // The gzip layer is inflated on a thread of its own, some chunks ahead of the tar reader.
  std::string big = noise(3 << 20, 7);
  std::vector<Entry> entries{{"pack.json", valid_pack(big).dump()}, {"a.xml", big}};
  std::string good = gzip_of(tar_of(entries));
  check_reads_whole(good, big);
  for (size_t cut : {good.size() / 3, good.size() / 2, good.size() - 100})
    CHECK_THAT(refusal(good.substr(0, cut)), Catch::Contains("truncated or corrupt"));
  std::string bad_crc = good;
  bad_crc[bad_crc.size() - 8] ^= 1;
  CHECK_THAT(refusal(bad_crc), Catch::Contains("incorrect data check"));
  // The first entry is refused before the gzip layer's fault at the end is reached; the
  // inflating thread, stopped while it waits for the reader, does not keep read_bundle waiting.
  std::vector<Entry> climbing{{"../pack.json", "{}"}, {"a.xml", big}};
  std::string both = gzip_of(tar_of(climbing));
  both[both.size() - 8] ^= 1;
  CHECK_THAT(refusal(both), Catch::Contains("climbs out with .."));
  // Expanding past the limit is found however far ahead the inflating thread is.
  BundleLimits small;
  small.max_total_bytes = 1 << 20;
  CHECK_THAT(refusal(good, small), Catch::Contains("expands to over 1 MiB"));
}

TEST_CASE("members inflated whole and members inflated as a stream read as one gzip stream", "[bundle-reader]") {
  // Small members with the plain header are inflated whole (libdeflate); a member with another
  // header, or one that expands past 2 MiB, as a stream (zlib). Mixed, with thousands of empty
  // members between them, they read as gzip -d reads them.
  std::string big = noise(3 << 20, 11);
  std::vector<Entry> entries{{"pack.json", valid_pack(big).dump()}, {"a.xml", big}};
  std::string tar = tar_of(entries);
  size_t a = 1000, b = 300000, c = 300000 + (5 << 19);
  std::string empties;
  for (int i = 0; i < 5000; ++i) empties += gzip_of("");
  std::string mixed = gzip_of(tar.substr(0, a)) + empties + gzip_of(tar.substr(a, b - a), "bundle.tar") + empties +
                      gzip_of(tar.substr(b, c - b)) + gzip_of(tar.substr(c));
  check_reads_whole(mixed, big);
  // A small file that expands far: 1 MiB of zeros after the archive's end, in one member.
  CHECK(refusal(gzip_of(tar_of(valid_entries()) + std::string(1 << 20, '\0'))) == "");
  // A fault inside a member that would be inflated whole is reported by the stream inflater,
  // once the bytes before it are read: the same reason as before.
  std::string first = gzip_of(tar.substr(0, b)), rest = gzip_of(tar.substr(b));
  std::string bad_data = first + rest;
  bad_data[first.size() + rest.size() / 2] ^= 0x55;
  CHECK_THAT(refusal(bad_data), Catch::Contains("truncated or corrupt"));
  std::string bad_crc = first + rest;
  bad_crc[first.size() - 8] ^= 1;
  CHECK_THAT(refusal(bad_crc), Catch::Contains("incorrect data check"));
}

TEST_CASE("a sparse entry is refused", "[bundle-reader]") {
  auto entries = valid_entries();
  entries.push_back({"hole.xml", std::string(1 << 20, '\0'), true});
  CHECK_THAT(refusal(gzip_of(tar_of(entries))), Catch::Contains("sparse"));
}

TEST_CASE("names, entries and expanded bytes are bounded as they stream past", "[bundle-reader]") {
  auto entries = valid_entries();
  entries.push_back({std::string(2000, 'n') + ".xml", "x"});
  CHECK_THAT(refusal(gzip_of(tar_of(entries))), Catch::Contains("name is over 1024 bytes"));

  BundleLimits few;
  few.max_entries = 5;
  auto many = valid_entries();
  for (int i = 0; i < 4; ++i) many.push_back({"e" + std::to_string(i), ""});
  CHECK_THAT(refusal(gzip_of(tar_of(many)), few), Catch::Contains("over 5 entries"));

  BundleLimits small;
  small.max_total_bytes = 1 << 20;
  auto bomb = valid_entries();
  bomb.push_back({"zeros.xml", std::string(2 << 20, '\0')});
  CHECK_THAT(refusal(gzip_of(tar_of(bomb)), small), Catch::Contains("expands to over 1 MiB"));
  // Tar headers count too: the data is under the total, a long pax header takes it over.
  small.max_name_bytes = 4 << 20;
  auto long_name = valid_entries();
  long_name.push_back({"data.xml", std::string(60000, 'd')});
  long_name.push_back({std::string(1000000, 'n'), ""});
  CHECK_THAT(refusal(gzip_of(tar_of(long_name)), small), Catch::Contains("expands to over 1 MiB"));
}

TEST_CASE("pack.json is bounded before it is parsed", "[bundle-reader]") {
  auto with_pack_json = [](std::string text) {
    auto entries = valid_entries();
    entries[0].content = std::move(text);
    return refusal(gzip_of(tar_of(entries)));
  };
  CHECK_THAT(with_pack_json(std::string(100000, '[') + std::string(100000, ']')),
             Catch::Contains("nests deeper than 64"));
  std::string many = "{\"x\":[";
  for (int i = 0; i < 1'100'000; ++i) many += "{},";
  many += "{}]}";
  CHECK_THAT(with_pack_json(many), Catch::Contains("over 2000000 values"));
  std::string big = "{\"x\":\"" + std::string(33 << 20, 'a') + "\"}";
  CHECK_THAT(with_pack_json(big), Catch::Contains("over the 32 MiB limit"));
  // Brackets inside strings are text.
  json deep_text = valid_pack("<a/>");
  deep_text["metadata"]["description"] = std::string(1000, '[');
  CHECK(with_pack_json(deep_text.dump()) == "");
}

TEST_CASE("pack.json fields of the wrong type are refused before use", "[bundle-reader]") {
  auto with = [](auto&& change) {
    json pack = valid_pack("<a/>");
    change(pack);
    auto entries = valid_entries();
    entries[0].content = pack.dump();
    return refusal(gzip_of(tar_of(entries)));
  };
  CHECK_THAT(with([](json& p) { p["packages"] = json::array({1}); }),
             Catch::Contains("`packages[0]` is not an object"));
  CHECK_THAT(with([](json& p) { p["packages"] = "x"; }), Catch::Contains("`packages` is not an array"));
  CHECK_THAT(with([](json& p) { p["format"] = 1; }), Catch::Contains("unknown bundle format 1"));
  CHECK_THAT(with([](json& p) { p["metadata"] = "x"; }), Catch::Contains("`metadata` is not an object"));
  CHECK_THAT(with([](json& p) { p.erase("metadata"); }), Catch::Contains("has no `metadata`"));
  CHECK_THAT(with([](json& p) { p["metadata"]["name"] = 7; }), Catch::Contains("`metadata.name` is not a string"));
  CHECK_THAT(with([](json& p) { p["files"]["a.xml"]["size"] = "4"; }), Catch::Contains("is not a whole number"));
  CHECK_THAT(with([](json& p) {
               p["packages"][0]["closure"] = {{"components", {1}}};
             }),
             Catch::Contains("closure.components[0]` is not an object"));
  CHECK_THAT(with([](json& p) { p["packages"][0]["packageVersion"] = 2; }), Catch::Contains("is not a string"));
  CHECK_THAT(with([](json& p) { p["extensions"] = {{"connections", 1}}; }), Catch::Contains("is not an array"));
  CHECK_THAT(with([](json& p) { p["signer"] = json::object(); }), Catch::Contains("`signer` is not a string"));
  CHECK(with([](json& p) { p["signer"] = nullptr; }) == "");
}

TEST_CASE("build refuses a bundle that verify would refuse", "[bundle-reader]") {
  CompiledPack compiled;
  compiled.pack = valid_pack("");
  compiled.pack.erase("files");
  for (size_t i = 0; i < BundleLimits{}.max_entries; ++i)
    compiled.entries.push_back({"components/" + std::to_string(i) + ".xml", "", {}, "", 0});
  char dir[] = "/tmp/ipack-build-test-XXXXXX";
  REQUIRE(mkdtemp(dir));
  fs::path target = fs::path(dir) / "p.ipack";
  Status wrote = write_bundle(target, std::move(compiled), nullptr, std::nullopt, 0);
  REQUIRE_FALSE(wrote);
  CHECK_THAT(wrote.error(), Catch::Contains("a bundle holds at most 50000"));
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}

}  // namespace ipack
