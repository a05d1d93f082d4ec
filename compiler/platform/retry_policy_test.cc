#include "platform/retry_policy.h"

#include <catch2/catch.hpp>

using namespace ipack;

TEST_CASE("retry: only 429 and 503 are transient statuses") {
  CHECK(is_transient_status(429));
  CHECK(is_transient_status(503));
  for (long s : {200L, 400L, 401L, 403L, 404L, 409L, 422L, 500L, 502L}) CHECK_FALSE(is_transient_status(s));
}

TEST_CASE("retry: Retry-After as seconds or an HTTP date") {
  const std::time_t now = 1445412480;  // Wed, 21 Oct 2015 07:28:00 GMT
  CHECK(parse_retry_after("120", now) == Approx(120.0));
  CHECK(parse_retry_after(" 7 ", now) == Approx(7.0));
  CHECK(parse_retry_after("0", now) == Approx(0.0));
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now) == Approx(30.0));
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now) == Approx(0.0));  // already past
  CHECK_FALSE(parse_retry_after("", now));
  CHECK_FALSE(parse_retry_after("-5", now));
  CHECK_FALSE(parse_retry_after("soon", now));
  CHECK_FALSE(parse_retry_after("1.5", now));
  CHECK_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:30 PST", now));
  CHECK_FALSE(parse_retry_after("99999999999999", now));
}

TEST_CASE("retry: the backoff doubles, is capped, and jitter keeps it within half of it") {
  RetryPolicy p{1.0, 30.0};
  CHECK(backoff_delay(p, 0, 0.999999) == Approx(1.0).epsilon(1e-5));
  CHECK(backoff_delay(p, 0, 0.0) == Approx(0.5));
  CHECK(backoff_delay(p, 1, 0.999999) == Approx(2.0).epsilon(1e-5));
  CHECK(backoff_delay(p, 3, 0.0) == Approx(4.0));
  CHECK(backoff_delay(p, 10, 0.999999) == Approx(30.0).epsilon(1e-5));  // capped
  CHECK(backoff_delay(p, 1000, 0.0) == Approx(15.0));                   // no overflow
  for (int attempt = 0; attempt < 8; ++attempt)
    for (double r : {0.0, 0.25, 0.5, 0.75, 0.99}) {
      double d = backoff_delay(p, attempt, r);
      double full = std::min(30.0, std::pow(2.0, attempt));
      CHECK(d >= full * 0.5);
      CHECK(d <= full);
    }
}

TEST_CASE("retry: Retry-After wins when longer, and no wait runs past the deadline") {
  RetryPolicy p{0.01, 1.0};
  CHECK(retry_delay(p, 0, std::nullopt, 10.0, 0.0) == Approx(0.005));
  CHECK(retry_delay(p, 0, 2.0, 10.0, 0.0) == Approx(2.0));                      // the platform asked for 2 s
  CHECK(retry_delay(p, 10, 0.1, 10.0, 0.999999) == Approx(1.0).epsilon(1e-5));  // backoff longer than Retry-After
  CHECK_FALSE(retry_delay(p, 0, 20.0, 10.0, 0.0));                              // would end after the deadline
  CHECK_FALSE(retry_delay(p, 0, std::nullopt, 0.0, 0.0));                       // no time left
}

TEST_CASE("retry: a run of retries is bounded by the remaining time") {
  RetryPolicy p{0.5, 30.0};
  double remaining = 10.0;
  int retries = 0;
  while (auto d = retry_delay(p, retries, std::nullopt, remaining, 0.5)) {
    remaining -= *d;
    ++retries;
    REQUIRE(retries < 100);
  }
  CHECK(retries == 4);  // 0.375 + 0.75 + 1.5 + 3 = 5.625 s; the next (6 s) would pass the 10 s
  CHECK(remaining > 0.0);
}
