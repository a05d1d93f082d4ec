// libFuzzer target: any bytes as a manifest. Every input must end in findings or a clean
// result; a crash, a hang, a leak or undefined behaviour is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "validate/manifest_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ipack::SourceFile source("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  ipack::CheckSettings settings;
  settings.today = {2026, 11, 24};
  auto result = ipack::check_manifest(source, settings);
  for (const auto& d : result.diagnostics) {
    // Every finding is placed on a line of the file (or 1:1 for an empty one).
    if (d.line < 1 || d.column < 1 || (d.line > source.line_count() && source.line_count() > 0)) __builtin_trap();
  }
  return 0;
}
