#include "base/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace ipack {

const char* severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

bool ChainHop::operator==(const ChainHop& o) const {
  return std::tie(id, type, name, file, line) == std::tie(o.id, o.type, o.name, o.file, o.line);
}

bool Diagnostic::operator==(const Diagnostic& o) const {
  return std::tie(rule, severity, file, line, column, end_line, end_column, message, pointer, chain, pattern) ==
         std::tie(o.rule, o.severity, o.file, o.line, o.column, o.end_line, o.end_column, o.message, o.pointer,
                  o.chain, o.pattern);
}

Diagnostic make_finding(std::string rule, std::string file, int line, int column, std::string message) {
  Diagnostic d;
  d.rule = std::move(rule);
  d.file = std::move(file);
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  return d;
}

namespace {
bool before(const Diagnostic& a, const Diagnostic& b) {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.file, d.line, d.column, d.rule, d.message, d.end_line, d.end_column, d.pointer, d.pattern);
  };
  if (key(a) != key(b)) return key(a) < key(b);
  if (a.severity != b.severity) return a.severity < b.severity;
  return std::lexicographical_compare(
      a.chain.begin(), a.chain.end(), b.chain.begin(), b.chain.end(), [](const ChainHop& x, const ChainHop& y) {
        return std::tie(x.id, x.type, x.name, x.file, x.line) < std::tie(y.id, y.type, y.name, y.file, y.line);
      });
}
}  // namespace

void sort_and_deduplicate(std::vector<Diagnostic>& diagnostics) {
  std::sort(diagnostics.begin(), diagnostics.end(), before);
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end()), diagnostics.end());
}

Counts count(const std::vector<Diagnostic>& diagnostics) {
  Counts c;
  for (const auto& d : diagnostics) (d.severity == Severity::Error ? c.errors : c.warnings)++;
  return c;
}

}  // namespace ipack
