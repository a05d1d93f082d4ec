#pragma once
/// Calendar dates (proleptic Gregorian, UTC) for release schedules.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipack {

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  bool operator<(const CivilDate& o) const;
  bool operator==(const CivilDate& o) const;
  std::string iso() const;  ///< yyyy-MM-dd
};

/// Parses exactly `yyyy-MM-dd`; nothing when the form is wrong.
std::optional<CivilDate> parse_iso_date(std::string_view text);
/// Whether the date exists (2026-02-29 does not).
bool is_real_date(const CivilDate& d);
/// The UTC date of a Unix time.
CivilDate date_of_unix_time(int64_t seconds);

/// Today: IPACK_TODAY (yyyy-MM-dd) when set, else the clock's date in UTC. Never
/// SOURCE_DATE_EPOCH. Nothing when IPACK_TODAY is set but is not a real yyyy-MM-dd date.
std::optional<CivilDate> today_utc();

}  // namespace ipack
