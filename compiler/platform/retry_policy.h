#pragma once
/// When to try a Platform API request again: rate limits (HTTP 429), a platform that is briefly
/// unavailable (503) and dropped connections are retried with exponential backoff and jitter,
/// never sooner than the platform's `Retry-After`, and never past the request's deadline.
/// Everything else (a 4xx, a 500) is reported at once. Pure functions: the client feeds them
/// the clock and the random draws, so the tests can too.

#include <ctime>
#include <optional>
#include <string>

namespace ipack {

struct RetryPolicy {
  double base_seconds = 1.0;        ///< the first backoff, before jitter
  double max_delay_seconds = 30.0;  ///< no single wait is longer
};

/// 429 and 503: the platform asks to be asked again later.
bool is_transient_status(long status);

/// `Retry-After` as seconds from `now`: delta-seconds ("120") or an HTTP-date
/// ("Wed, 21 Oct 2015 07:28:00 GMT"); nothing when the value is neither. A date in the past is 0.
std::optional<double> parse_retry_after(const std::string& value, std::time_t now);

/// The backoff before retry number `attempt` (0 for the first retry): base * 2^attempt, capped,
/// scaled by a jitter factor in [0.5, 1.0] drawn from `random01` (in [0, 1)).
double backoff_delay(const RetryPolicy& policy, int attempt, double random01);

/// How long to wait before retry number `attempt`, or nothing when the wait (the backoff, or
/// the platform's Retry-After when that is longer) would not end before `remaining_seconds`.
std::optional<double> retry_delay(const RetryPolicy& policy, int attempt, std::optional<double> retry_after,
                                  double remaining_seconds, double random01);

}  // namespace ipack
