#include "platform/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

namespace ipack {

bool is_transient_status(long status) { return status == 429 || status == 503; }

namespace {

// "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 7231's IMF-fixdate, the one form servers send).
std::optional<std::time_t> parse_http_date(const std::string& value) {
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char weekday[4] = {}, month[4] = {}, zone[4] = {};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(value.c_str(), "%3s, %d %3s %d %d:%d:%d %3s", weekday, &day, month, &year, &hour, &minute, &second,
                  zone) != 8 ||
      std::strcmp(zone, "GMT") != 0)
    return std::nullopt;
  int mon = -1;
  for (int i = 0; i < 12; ++i)
    if (std::strcmp(month, kMonths[i]) == 0) mon = i;
  if (mon < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 || year < 1970) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = mon;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return timegm(&tm);
}

}  // namespace

std::optional<double> parse_retry_after(const std::string& value, std::time_t now) {
  std::string v = value;
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  size_t start = v.find_first_not_of(" \t");
  if (start == std::string::npos) return std::nullopt;
  v = v.substr(start);
  if (std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (v.size() > 9) return std::nullopt;  // longer than any wait worth honouring; not a number we trust
    return static_cast<double>(std::stol(v));
  }
  auto when = parse_http_date(v);
  if (!when) return std::nullopt;
  return std::max(0.0, std::difftime(*when, now));
}

double backoff_delay(const RetryPolicy& policy, int attempt, double random01) {
  double exponential = policy.base_seconds * std::pow(2.0, std::min(attempt, 30));
  double capped = std::min(exponential, policy.max_delay_seconds);
  double jitter = 0.5 + 0.5 * std::clamp(random01, 0.0, 1.0);
  return capped * jitter;
}

std::optional<double> retry_delay(const RetryPolicy& policy, int attempt, std::optional<double> retry_after,
                                  double remaining_seconds, double random01) {
  double delay = backoff_delay(policy, attempt, random01);
  if (retry_after) delay = std::max(delay, *retry_after);
  if (delay >= remaining_seconds) return std::nullopt;
  return delay;
}

}  // namespace ipack
