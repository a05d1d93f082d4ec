#pragma once
/// Turns (rule, JSON Pointer, message) into a placed Diagnostic. Severity is settled later,
/// in one place, from the rule table (see rule_registry.h).

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "input/position_map.h"
#include "input/source_file.h"

namespace ipack {

class Reporter {
 public:
  Reporter(const SourceFile& source, const PositionMap& positions, std::vector<Diagnostic>& out)
      : source_(source), positions_(positions), out_(out) {}

  /// Reports at the value (or the key) that `pointer` names, or its nearest ancestor; returns the
  /// finding, to add what only some findings carry.
  Diagnostic& report(std::string_view rule, std::string_view pointer, At at, std::string message,
              std::vector<ChainHop> chain = {}) const;
  /// Reports at `span` of this file, recorded under `pointer` (a part of a value: a column within a scalar).
  void report_at(std::string_view rule, std::string_view pointer, Span span, std::string message) const;
  /// Reports at a line and column of another file (a component export).
  void report_in(std::string_view rule, const std::string& file, int line, int column, std::string message) const;

  const SourceFile& source() const { return source_; }
  const PositionMap& positions() const { return positions_; }

 private:
  const SourceFile& source_;
  const PositionMap& positions_;
  std::vector<Diagnostic>& out_;
};

}  // namespace ipack
