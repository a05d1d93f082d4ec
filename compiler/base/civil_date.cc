#include "base/civil_date.h"

#include <cstdlib>
#include <ctime>
#include <tuple>

#include <fmt/format.h>

namespace ipack {

bool CivilDate::operator<(const CivilDate& o) const {
  return std::tie(year, month, day) < std::tie(o.year, o.month, o.day);
}
bool CivilDate::operator==(const CivilDate& o) const {
  return std::tie(year, month, day) == std::tie(o.year, o.month, o.day);
}
std::string CivilDate::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

std::optional<CivilDate> parse_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto number = [&](size_t from, size_t n) -> int {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  CivilDate d{number(0, 4), number(5, 2), number(8, 2)};
  if (d.year < 0 || d.month < 0 || d.day < 0) return std::nullopt;
  return d;
}

bool is_real_date(const CivilDate& d) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  int last = days[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
  return d.day <= last;
}

CivilDate date_of_unix_time(int64_t seconds) {
  // Howard Hinnant's civil_from_days.
  int64_t z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::optional<CivilDate> today_utc() {
  // Not SOURCE_DATE_EPOCH: reproducible builds set it to the commit's time, and a release date
  // already past would then pass.
  if (const char* today = std::getenv("IPACK_TODAY"); today && *today) {
    auto date = parse_iso_date(today);
    if (!date || !is_real_date(*date)) return std::nullopt;
    return date;
  }
  return date_of_unix_time(static_cast<int64_t>(std::time(nullptr)));
}

}  // namespace ipack
