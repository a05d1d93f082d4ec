#pragma once
/// Boomi process schedules: the six fields (minutes 0-59, hours 0-23, daysOfWeek 1-7 with
/// 1 = Sunday, daysOfMonth 1-31, months 1-12, years), each `*`, a value, a range `a-b`, a step
/// (`*/n`, `a-b/n`, `a/n`) or a comma-separated list of these; and the run times they give.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.h"

namespace ipack {

struct ScheduleFieldRange {
  int min, max;
};

/// The range of a field by name; nothing for an unknown name.
std::optional<ScheduleFieldRange> schedule_field_range(std::string_view field);

/// What is wrong with a field, and where: `offset` and `length` in bytes of the text.
struct ScheduleFieldError {
  size_t offset = 0;
  size_t length = 0;
  std::string message;
};

struct ParsedScheduleField {
  std::vector<bool> allowed;  ///< indexed by value - min
  std::optional<ScheduleFieldError> error;
};

/// Parses one field. An empty text is an error; so is a value out of the field's range, a
/// range that runs backwards and a step of 0.
ParsedScheduleField parse_schedule_field(std::string_view field, std::string_view text);

/// A whole schedule: the six fields' texts in schedule_field_names() order.
struct Schedule {
  std::vector<ParsedScheduleField> fields;
};

/// The first `count` run times (seconds since 1970-01-01, UTC minutes) strictly after `after`.
/// A day runs when its day of the month and its day of the week both match. Fewer when the
/// schedule runs fewer times before its last year.
std::vector<int64_t> next_runs(const Schedule& schedule, int64_t after, int count);

/// Seconds since 1970-01-01 UTC of a date and time of day.
int64_t unix_time_of(const CivilDate& date, int hour, int minute);

/// "2026-12-01 08:15 Tue"
std::string format_run_time(int64_t seconds);

}  // namespace ipack
