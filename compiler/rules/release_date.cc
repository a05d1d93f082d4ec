#include <fmt/format.h>

#include "pack/pack_view.h"
#include "rules/rules.h"

namespace ipack::rules {
namespace {

void check(const PackInput& in) {
  const auto* release = pack_view::member(pack_view::member(&in.pack, "spec"), "release");
  if (!release || !release->is_object()) return;
  const auto* schedule_value = pack_view::member(release, "schedule");
  if (schedule_value && !schedule_value->is_string()) return;  // the schema says what is wrong
  std::string schedule = schedule_value ? schedule_value->get<std::string>() : "immediate";
  const auto* date_value = pack_view::member(release, "date");

  if (schedule == "on-date" && !date_value) {
    in.reporter.report(kReleaseDate.id, "/spec/release", At::Key,
                       "schedule: on-date needs a release date: add date: yyyy-MM-dd");
    return;
  }
  if (schedule == "immediate" && date_value) {
    in.reporter.report(kReleaseDate.id, "/spec/release/date", At::Key,
                       fmt::format("a release date is only allowed with schedule: on-date; {}", schedule_value
                                                                                                ? "remove the date or change the schedule"
                                                                                                : "add schedule: on-date or remove the date"));
    return;
  }
  if (!date_value || !date_value->is_string()) return;
  const std::string& text = date_value->get_ref<const std::string&>();
  auto date = parse_iso_date(text);
  if (!date) {
    in.reporter.report(kReleaseDate.id, "/spec/release/date", At::Value,
                       fmt::format("release date \"{}\" is not of the form yyyy-MM-dd", text));
    return;
  }
  if (!is_real_date(*date)) {
    in.reporter.report(kReleaseDate.id, "/spec/release/date", At::Value,
                       fmt::format("release date {} does not exist", text));
    return;
  }
  if (*date < in.today)
    in.reporter.report(kReleaseDate.id, "/spec/release/date", At::Value,
                       fmt::format("release date {} is in the past (today is {} UTC); a scheduled release needs "
                                   "today or a later date",
                                   text, in.today.iso()));
}

}  // namespace

const Rule kReleaseDate{"release-date", Severity::Error, RuleGroup::Platform,
                        "on-date without a date, a date with immediate, a date that does not exist, or one in the past",
                        check};

}  // namespace ipack::rules
