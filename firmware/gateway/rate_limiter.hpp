// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace kiosk::gateway {

/// How many requests a kiosk may make: a bucket of @p burst requests, refilled at
/// @p per_minute requests a minute.
struct RateLimit {
    int per_minute = 600;
    int burst = 120;
};

/// Per-kiosk token buckets. Thread-safe. Time is passed in, so tests decide it.
class RateLimiter {
public:
    explicit RateLimiter(RateLimit limit) noexcept
        : m_limit(limit)
    {
    }

    /// Takes one request from @p key's bucket at time @p now.
    /// @return zero when allowed, else how long until the next request is allowed (>= 1 s).
    std::chrono::seconds take(std::string_view key, std::chrono::steady_clock::time_point now);

private:
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point updated;
    };

    RateLimit m_limit;
    std::mutex m_mutex;
    std::map<std::string, Bucket, std::less<>> m_buckets;
};

} // namespace kiosk::gateway
