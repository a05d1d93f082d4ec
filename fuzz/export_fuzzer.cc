// libFuzzer target: any bytes as a component export.
#include <cstddef>
#include <cstdint>
#include <string>

#include "components/export_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<ipack::Diagnostic> findings;
  auto component = ipack::read_component_export("fuzz.xml", text, findings);
  if (!component && findings.empty()) __builtin_trap();  // a refusal always says why
  for (const auto& d : findings)
    if (d.line < 1 || d.column < 1) __builtin_trap();
  return 0;
}
