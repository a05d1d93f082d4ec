#include "reporter.h"

namespace ipack {

void Reporter::report(std::string_view rule, std::string_view pointer, At at, std::string message,
                      std::vector<ChainHop> chain) const {
  Span span = positions_.locate(pointer, at);
  Diagnostic d;
  d.rule = std::string(rule);
  d.file = source_.path();
  d.line = span.line;
  d.column = span.column;
  d.end_line = span.end_line;
  d.end_column = span.end_column;
  d.pointer = std::string(pointer);
  d.message = std::move(message);
  d.chain = std::move(chain);
  out_.push_back(std::move(d));
}

void Reporter::report_in(std::string_view rule, const std::string& file, int line, int column,
                         std::string message) const {
  Diagnostic d;
  d.rule = std::string(rule);
  d.file = file;
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  out_.push_back(std::move(d));
}

}  // namespace ipack
