// `ipack schedule MINUTES HOURS DAYS_OF_WEEK DAYS_OF_MONTH MONTHS YEARS`: the next run times of
// a Boomi schedule, so that a plan's author sees what the fields say.
#include <cstdlib>
#include <ctime>
#include <iostream>

#include <fmt/format.h>

#include "base/civil_date.h"
#include "cli/commands.h"
#include "render/render.h"
#include "plan/plan_model.h"
#include "plan/schedule.h"

namespace ipack::cli {
namespace {

struct ScheduleFlags {
  std::vector<std::string> fields;
  int count = 5;
  std::string after;  // yyyy-MM-ddTHH:MM, UTC
};

// "2026-12-01T08:15" or "2026-12-01": seconds since 1970-01-01 UTC.
std::optional<int64_t> parse_moment(const std::string& text) {
  auto date = parse_iso_date(text.substr(0, 10));
  if (!date || !is_real_date(*date)) return std::nullopt;
  int hour = 0, minute = 0;
  if (text.size() > 10) {
    if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
    for (size_t i : {11, 12, 14, 15})
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
    hour = std::stoi(text.substr(11, 2));
    minute = std::stoi(text.substr(14, 2));
    if (hour > 23 || minute > 59) return std::nullopt;
  }
  return unix_time_of(*date, hour, minute);
}

int run(const ScheduleFlags& f) {
  const auto& names = schedule_field_names();
  if (f.fields.size() > names.size()) {
    print_error(fmt::format("a schedule has {} fields ({}), not {}", names.size(),
                            "minutes hours daysOfWeek daysOfMonth months years", f.fields.size()));
    return kUsage;
  }
  Schedule schedule;
  bool bad = false;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string text = i < f.fields.size() ? f.fields[i] : "*";
    ParsedScheduleField parsed = parse_schedule_field(names[i], text);
    if (parsed.error) {
      std::cerr << fmt::format("ipack: error: {}: {}\n  {}\n  {}{}\n", names[i], visible(parsed.error->message),
                               visible(text),
                               std::string(parsed.error->offset, ' '),
                               "^" + std::string(parsed.error->length - 1, '~'));
      bad = true;
    }
    schedule.fields.push_back(std::move(parsed));
  }
  if (bad) return kFindings;
  int64_t after = 0;
  if (!f.after.empty()) {
    auto moment = parse_moment(f.after);
    if (!moment) {
      print_error(fmt::format("--after {}: expected a UTC time as yyyy-MM-ddTHH:MM or a date yyyy-MM-dd", f.after));
      return kUsage;
    }
    after = *moment;
  } else {
    after = static_cast<int64_t>(std::time(nullptr));
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) after = std::strtoll(epoch, nullptr, 10);
  }
  std::string fields;
  for (size_t i = 0; i < names.size(); ++i)
    fields += fmt::format("{}{}={}", i ? " " : "", names[i], i < f.fields.size() ? f.fields[i] : "*");
  std::cout << fields << "\n";
  auto runs = next_runs(schedule, after, f.count);
  if (runs.empty()) std::cout << "never runs\n";
  for (int64_t t : runs) std::cout << format_run_time(t) << " UTC\n";
  return kOk;
}

}  // namespace

void add_schedule_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ScheduleFlags>();
  CLI::App* cmd = app.add_subcommand("schedule", "Show the next run times of a Boomi process schedule");
  cmd->footer(
      "Fields in the platform's order: minutes (0-59) hours (0-23) daysOfWeek (1-7, 1 = Sunday) daysOfMonth (1-31)\n"
      "months (1-12) years; each *, a value, a range a-b, a step */n or a-b/n, or a list of these. Fields left out\n"
      "are *. Times are UTC, after --after (default: now, or SOURCE_DATE_EPOCH). Exit 1 when a field is wrong.");
  cmd->add_option("fields", flags->fields, "minutes hours daysOfWeek daysOfMonth months years")
      ->required()
      ->type_name("FIELD");
  cmd->add_option("-n,--count", flags->count, "How many run times to show")
      ->check(CLI::Range(1, 1000))
      ->default_str("5");
  cmd->add_option("--after", flags->after, "Show runs after this UTC time (yyyy-MM-ddTHH:MM)")->type_name("TIME");
  cmd->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace ipack::cli
