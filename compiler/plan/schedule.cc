#include "plan/schedule.h"

#include <fmt/format.h>

#include "base/civil_date.h"

namespace ipack {
namespace {

// Years the platform's scheduler can be given; a run is never looked for past the last.
constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2199;

struct Cursor {
  std::string_view text;
  size_t pos = 0;
  bool done() const { return pos >= text.size(); }
  char peek() const { return done() ? '\0' : text[pos]; }
};

std::optional<int> read_number(Cursor& c, size_t& start, size_t& length) {
  start = c.pos;
  long value = 0;
  while (!c.done() && c.peek() >= '0' && c.peek() <= '9') {
    if (value < 100000) value = value * 10 + (c.peek() - '0');
    ++c.pos;
  }
  length = c.pos - start;
  if (length == 0) return std::nullopt;
  return static_cast<int>(value);
}

ScheduleFieldError error_at(size_t offset, size_t length, std::string message) {
  return ScheduleFieldError{offset, length == 0 ? 1 : length, std::move(message)};
}

std::string what_is_there(const Cursor& c) {
  if (c.done()) return "the end of the field";
  return fmt::format("\"{}\"", c.text.substr(c.pos, 1));
}

}  // namespace

std::optional<ScheduleFieldRange> schedule_field_range(std::string_view field) {
  if (field == "minutes") return ScheduleFieldRange{0, 59};
  if (field == "hours") return ScheduleFieldRange{0, 23};
  if (field == "daysOfWeek") return ScheduleFieldRange{1, 7};
  if (field == "daysOfMonth") return ScheduleFieldRange{1, 31};
  if (field == "months") return ScheduleFieldRange{1, 12};
  if (field == "years") return ScheduleFieldRange{kFirstYear, kLastYear};
  return std::nullopt;
}

ParsedScheduleField parse_schedule_field(std::string_view field, std::string_view text) {
  ParsedScheduleField out;
  auto range = schedule_field_range(field);
  if (!range) {
    out.error = error_at(0, text.size(), fmt::format("unknown schedule field {}", field));
    return out;
  }
  out.allowed.assign(range->max - range->min + 1, false);
  auto in_range = [&](int v, size_t start, size_t length) -> bool {
    if (v >= range->min && v <= range->max) return true;
    std::string hint = field == "daysOfWeek" ? " (1 is Sunday, 7 is Saturday)" : "";
    out.error =
        error_at(start, length,
                 fmt::format("{} {} is out of range: {} takes {}-{}{}", field, v, field, range->min, range->max, hint));
    return false;
  };
  Cursor c{text};
  if (text.empty()) {
    out.error = error_at(0, 0, fmt::format("{} is empty; write * for every value", field));
    return out;
  }
  while (true) {
    int low = range->min, high = range->max;
    size_t item_start = c.pos;
    if (c.peek() == '*') {
      ++c.pos;
    } else {
      size_t start, length;
      auto first = read_number(c, start, length);
      if (!first) {
        out.error = error_at(c.pos, 1, fmt::format("expected a number or * in {}, found {}", field, what_is_there(c)));
        return out;
      }
      if (!in_range(*first, start, length)) return out;
      low = high = *first;
      if (c.peek() == '-') {
        ++c.pos;
        auto last = read_number(c, start, length);
        if (!last) {
          out.error =
              error_at(c.pos, 1, fmt::format("expected the end of the range in {}, found {}", field, what_is_there(c)));
          return out;
        }
        if (!in_range(*last, start, length)) return out;
        if (*last < low) {
          out.error = error_at(item_start, c.pos - item_start,
                               fmt::format("the range {}-{} runs backwards; write {}-{}", low, *last, *last, low));
          return out;
        }
        high = *last;
      } else if (c.peek() == '/') {
        high = range->max;  // "a/n": from a to the end of the range
      }
    }
    int step = 1;
    if (c.peek() == '/') {
      ++c.pos;
      size_t start, length;
      auto n = read_number(c, start, length);
      if (!n) {
        out.error = error_at(c.pos, 1, fmt::format("expected a step after / in {}, found {}", field, what_is_there(c)));
        return out;
      }
      if (*n == 0) {
        out.error = error_at(start, length, "a step of 0 never moves; use 1 or more");
        return out;
      }
      step = *n;
    }
    for (int v = low; v <= high; v += step) out.allowed[v - range->min] = true;
    if (c.done()) break;
    if (c.peek() != ',') {
      out.error = error_at(c.pos, 1, fmt::format("expected , or the end of {}, found {}", field, what_is_there(c)));
      return out;
    }
    ++c.pos;
  }
  return out;
}

namespace {

int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool allows(const ParsedScheduleField& f, std::string_view name, int value) {
  int min = schedule_field_range(name)->min;
  size_t i = static_cast<size_t>(value - min);
  return value >= min && i < f.allowed.size() && f.allowed[i];
}

}  // namespace

std::vector<int64_t> next_runs(const Schedule& s, int64_t after, int count) {
  std::vector<int64_t> runs;
  if (s.fields.size() != 6) return runs;
  for (const auto& f : s.fields)
    if (f.error) return runs;
  const auto& minutes = s.fields[0];
  const auto& hours = s.fields[1];
  const auto& weekdays = s.fields[2];
  const auto& monthdays = s.fields[3];
  const auto& months = s.fields[4];
  const auto& years = s.fields[5];
  CivilDate start = date_of_unix_time(after);
  int64_t first_day = days_from_civil(start.year, start.month, start.day);
  // Day by day from the date of `after`: at most every day to the last year.
  for (int64_t day = first_day; static_cast<int>(runs.size()) < count; ++day) {
    CivilDate d = date_of_unix_time(day * 86400);
    if (d.year > kLastYear) break;
    if (!allows(years, "years", d.year) || !allows(months, "months", d.month) ||
        !allows(monthdays, "daysOfMonth", d.day))
      continue;
    int weekday = static_cast<int>(((day % 7) + 7 + 4) % 7) + 1;  // 1970-01-01 was a Thursday (5)
    if (!allows(weekdays, "daysOfWeek", weekday)) continue;
    for (int h = 0; h < 24 && static_cast<int>(runs.size()) < count; ++h) {
      if (!allows(hours, "hours", h)) continue;
      for (int m = 0; m < 60 && static_cast<int>(runs.size()) < count; ++m) {
        if (!allows(minutes, "minutes", m)) continue;
        int64_t t = day * 86400 + h * 3600 + m * 60;
        if (t > after) runs.push_back(t);
      }
    }
  }
  return runs;
}

int64_t unix_time_of(const CivilDate& date, int hour, int minute) {
  return days_from_civil(date.year, date.month, date.day) * 86400 + hour * 3600 + minute * 60;
}

std::string format_run_time(int64_t seconds) {
  static const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  int64_t day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  CivilDate d = date_of_unix_time(seconds);
  int64_t in_day = seconds - day * 86400;
  int weekday = static_cast<int>(((day % 7) + 7 + 4) % 7);
  return fmt::format("{} {:02}:{:02} {}", d.iso(), in_day / 3600, in_day % 3600 / 60, names[weekday]);
}

}  // namespace ipack
