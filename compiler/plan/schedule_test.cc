#include "plan/schedule.h"

#include <catch2/catch.hpp>

namespace ipack {
namespace {

ParsedScheduleField parse(const char* field, const char* text) { return parse_schedule_field(field, text); }

std::vector<int> values(const ParsedScheduleField& f, int min) {
  std::vector<int> out;
  for (size_t i = 0; i < f.allowed.size(); ++i)
    if (f.allowed[i]) out.push_back(static_cast<int>(i) + min);
  return out;
}

Schedule schedule(std::vector<const char*> texts) {
  static const char* names[] = {"minutes", "hours", "daysOfWeek", "daysOfMonth", "months", "years"};
  Schedule s;
  for (size_t i = 0; i < 6; ++i) s.fields.push_back(parse_schedule_field(names[i], i < texts.size() ? texts[i] : "*"));
  return s;
}

}  // namespace

TEST_CASE("schedule fields: star, values, ranges, steps and lists", "[schedule]") {
  CHECK(values(parse("hours", "*"), 0).size() == 24);
  CHECK(values(parse("minutes", "0-59/15"), 0) == std::vector<int>{0, 15, 30, 45});
  CHECK(values(parse("minutes", "*/20"), 0) == std::vector<int>{0, 20, 40});
  CHECK(values(parse("minutes", "50/5"), 0) == std::vector<int>{50, 55});
  CHECK(values(parse("daysOfWeek", "2-6"), 1) == std::vector<int>{2, 3, 4, 5, 6});
  CHECK(values(parse("daysOfWeek", "1,7"), 1) == std::vector<int>{1, 7});
  CHECK(values(parse("hours", "8-10,20"), 0) == std::vector<int>{8, 9, 10, 20});
  CHECK(values(parse("months", "12"), 1) == std::vector<int>{12});
}

TEST_CASE("schedule fields: a finding points at the bad part", "[schedule]") {
  auto out_of_range = parse("daysOfWeek", "2-6,8");
  REQUIRE(out_of_range.error);
  CHECK(out_of_range.error->offset == 4);
  CHECK(out_of_range.error->length == 1);
  CHECK(out_of_range.error->message ==
        "daysOfWeek 8 is out of range: daysOfWeek takes 1-7 (1 is Sunday, 7 is Saturday)");

  auto backwards = parse("hours", "1,18-8");
  REQUIRE(backwards.error);
  CHECK(backwards.error->offset == 2);
  CHECK(backwards.error->length == 4);

  auto bad_char = parse("minutes", "0-59/x");
  REQUIRE(bad_char.error);
  CHECK(bad_char.error->offset == 5);

  auto zero_step = parse("minutes", "*/0");
  REQUIRE(zero_step.error);
  CHECK(zero_step.error->offset == 2);

  CHECK(parse("minutes", "").error);
  CHECK(parse("minutes", "60").error);
  CHECK(parse("hours", "1,,2").error);
  CHECK(parse("months", "0").error);
  CHECK(parse("daysOfMonth", "32").error);
  CHECK(parse("minutes", "99999999999999").error);
}

TEST_CASE("next runs: weekdays count from Sunday = 1", "[schedule]") {
  // 2026-12-01 00:00 UTC is a Tuesday.
  int64_t tuesday = unix_time_of(CivilDate{2026, 12, 1}, 0, 0);
  auto runs = next_runs(schedule({"0", "9", "2"}), tuesday, 2);  // Mondays at 09:00
  REQUIRE(runs.size() == 2);
  CHECK(format_run_time(runs[0]) == "2026-12-07 09:00 Mon");
  CHECK(format_run_time(runs[1]) == "2026-12-14 09:00 Mon");

  auto quarter = next_runs(schedule({"0-59/15", "8-18", "2-6"}), tuesday + 8 * 3600 + 20 * 60, 3);
  REQUIRE(quarter.size() == 3);
  CHECK(format_run_time(quarter[0]) == "2026-12-01 08:30 Tue");
  CHECK(format_run_time(quarter[2]) == "2026-12-01 09:00 Tue");

  CHECK(next_runs(schedule({"0", "0", "*", "31", "2"}), tuesday, 1).empty());  // no 31 February
  CHECK(next_runs(schedule({"0", "0", "*", "*", "*", "2020"}), tuesday, 1).empty());
}

}  // namespace ipack
