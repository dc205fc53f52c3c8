// SPDX-License-Identifier: MIT
#include "gateway/rate_limiter.hpp"

#include <CppUTest/TestHarness.h>

using kiosk::gateway::RateLimiter;
using std::chrono::seconds;

TEST_GROUP(RateLimiter) {};

TEST(RateLimiter, burst_then_refill)
{
    RateLimiter limiter({ .per_minute = 60, .burst = 2 });
    std::chrono::steady_clock::time_point t0 {};
    LONGS_EQUAL(0, limiter.take("k1", t0).count());
    LONGS_EQUAL(0, limiter.take("k1", t0).count());
    LONGS_EQUAL(1, limiter.take("k1", t0).count());
    LONGS_EQUAL(0, limiter.take("k2", t0).count()); // buckets are per kiosk
    LONGS_EQUAL(0, limiter.take("k1", t0 + seconds(1)).count());
    LONGS_EQUAL(1, limiter.take("k1", t0 + seconds(1)).count());
}

TEST(RateLimiter, retry_after_reflects_the_rate)
{
    RateLimiter limiter({ .per_minute = 1, .burst = 1 });
    std::chrono::steady_clock::time_point t0 {};
    LONGS_EQUAL(0, limiter.take("k", t0).count());
    LONGS_EQUAL(60, limiter.take("k", t0).count());
    LONGS_EQUAL(30, limiter.take("k", t0 + seconds(30)).count());
}
