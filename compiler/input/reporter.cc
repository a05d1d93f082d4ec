#include "input/reporter.h"

namespace ipack {

Diagnostic& Reporter::report(std::string_view rule, std::string_view pointer, At at, std::string message,
                             std::vector<ChainHop> chain) const {
  Span span = positions_.locate(pointer, at);
  Diagnostic d = make_finding(std::string(rule), source_.path(), span.line, span.column, std::move(message));
  d.end_line = span.end_line;
  d.end_column = span.end_column;
  d.pointer = std::string(pointer);
  d.chain = std::move(chain);
  return out_.emplace_back(std::move(d));
}

void Reporter::report_at(std::string_view rule, std::string_view pointer, Span span, std::string message) const {
  Diagnostic d = make_finding(std::string(rule), source_.path(), span.line, span.column, std::move(message));
  d.end_line = span.end_line;
  d.end_column = span.end_column;
  d.pointer = std::string(pointer);
  out_.push_back(std::move(d));
}

void Reporter::report_in(std::string_view rule, const std::string& file, int line, int column,
                         std::string message) const {
  out_.push_back(make_finding(std::string(rule), file, line, column, std::move(message)));
}

}  // namespace ipack
