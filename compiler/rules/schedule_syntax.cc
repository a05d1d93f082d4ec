#include <fmt/format.h>

#include "input/source_file.h"
#include "plan/schedule.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

// The part of the scalar at `pointer` that holds bytes [offset, offset + length) of its text:
// past an opening quote, when the scalar is quoted on one line.
Span part_of_scalar(const Reporter& reporter, const std::string& pointer, const std::string& text, size_t offset,
                    size_t length) {
  Span whole = reporter.positions().locate(pointer);
  std::string_view line = reporter.source().line(whole.line);
  size_t at = utf8_offset_of_column(line, whole.column);
  bool quoted = at < line.size() && (line[at] == '"' || line[at] == '\'');
  if (whole.end_line != 0 && whole.end_line != whole.line) return whole;
  if (line.substr(at + (quoted ? 1 : 0), text.size()) != text) return whole;  // escapes: place at the scalar
  Span part;
  part.line = part.end_line = whole.line;
  part.column = whole.column + (quoted ? 1 : 0) + utf8_length(std::string_view(text).substr(0, offset));
  part.end_column = part.column + utf8_length(std::string_view(text).substr(offset, length));
  return part;
}

void check_schedule_syntax(const PlanInput& in) {
  for (const auto& i : in.plan.instances)
    for (const auto& s : i.schedules) {
      for (const auto& f : s.fields) {
        if (!f.text) continue;
        ParsedScheduleField parsed = parse_schedule_field(f.name, *f.text);
        if (!parsed.error) continue;
        const ScheduleFieldError& e = *parsed.error;
        in.reporter.report_at(kScheduleSyntax.id, f.pointer,
                              part_of_scalar(in.reporter, f.pointer, *f.text, e.offset, e.length), e.message);
      }
      if (s.max_retry && (*s.max_retry < 1 || *s.max_retry > 5))
        in.reporter.report(
            kScheduleSyntax.id, s.max_retry.pointer, At::Value,
            fmt::format("maxRetry {} is out of range: the platform retries a failed run 1 to 5 times", *s.max_retry));
    }
}

}  // namespace

const Rule kScheduleSyntax{
    "schedule-syntax", Severity::Error, RuleGroup::Plans,     "a schedule field that does not parse or is out of range",
    nullptr,           nullptr,         check_schedule_syntax};

}  // namespace ipack::rules
