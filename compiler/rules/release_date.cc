#include <fmt/format.h>

#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check_release_date(const PackInput& in) {
  const PackRelease& release = in.model.release;
  if (!release.is_object) return;
  if (release.schedule.wrong_type()) return;  // the schema says what is wrong
  std::string schedule = release.schedule.value_or("immediate");
  const Field<std::string>& date_value = release.date;

  if (schedule == "on-date" && !date_value.present) {
    in.reporter.report(kReleaseDate.id, release.pointer, At::Key,
                       "schedule: on-date needs a release date: add date: yyyy-MM-dd");
    return;
  }
  if (schedule == "immediate" && date_value.present) {
    in.reporter.report(kReleaseDate.id, date_value.pointer, At::Key,
                       fmt::format("a release date is only allowed with schedule: on-date; {}",
                                   release.schedule.present ? "remove the date or change the schedule"
                                                            : "add schedule: on-date or remove the date"));
    return;
  }
  if (!date_value) return;
  const std::string& text = *date_value;
  auto date = parse_iso_date(text);
  if (!date) {
    in.reporter.report(kReleaseDate.id, date_value.pointer, At::Value,
                       fmt::format("release date \"{}\" is not of the form yyyy-MM-dd", text));
    return;
  }
  if (!is_real_date(*date)) {
    in.reporter.report(kReleaseDate.id, date_value.pointer, At::Value,
                       fmt::format("release date {} does not exist", text));
    return;
  }
  if (*date < in.today)
    in.reporter.report(kReleaseDate.id, date_value.pointer, At::Value,
                       fmt::format("release date {} is in the past (today is {} UTC); a scheduled release needs "
                                   "today or a later date",
                                   text, in.today.iso()));
}

}  // namespace

const Rule kReleaseDate{"release-date", Severity::Error, RuleGroup::Platform,
                        "on-date without a date, a date with immediate, a date that does not exist, or one in the past",
                        check_release_date};

}  // namespace ipack::rules
