// libFuzzer target: any bytes as a bundle, read as verify, inspect and diff read one.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "bundle/bundle_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // read_bundle reads a file: one in memory, rewritten for every input.
  static int fd = memfd_create("bundle", 0);
  if (fd < 0 || ftruncate(fd, 0) != 0) __builtin_trap();
  for (size_t done = 0; done < size;) {
    ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) __builtin_trap();
    done += static_cast<size_t>(n);
  }
  ipack::BundleLimits limits;  // smaller, so that one input never takes long
  limits.max_total_bytes = 16u << 20;
  limits.max_entry_bytes = 8u << 20;
  auto contents = ipack::read_bundle("/proc/self/fd/" + std::to_string(fd), limits);
  if (!contents) {
    if (contents.error().empty()) __builtin_trap();  // a refusal always says why
    return 0;
  }
  // What read_bundle accepts has the shape verify, inspect and diff rely on.
  const auto& pack = contents->pack;
  (void)pack.at("metadata").at("name").get<std::string>();
  (void)pack.at("metadata").at("version").get<std::string>();
  for (const auto& [name, digest] : pack.at("files").items()) (void)digest.at("size").get<uint64_t>();
  auto verified = ipack::verify_bundle(*contents, {}, true);
  if (!verified && verified.error().empty()) __builtin_trap();
  return 0;
}
