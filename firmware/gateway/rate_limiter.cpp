// SPDX-License-Identifier: MIT
#include "gateway/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::gateway {

namespace {
// A center has tens of kiosks; this bound keeps a flood of made-up keys from growing the map.
constexpr std::size_t MAX_BUCKETS = 10000;
} // namespace

std::chrono::seconds RateLimiter::take(std::string_view key, std::chrono::steady_clock::time_point now)
{
    std::lock_guard lock(m_mutex);
    double rate_per_second = std::max(m_limit.per_minute, 1) / 60.0;
    auto burst = static_cast<double>(std::max(m_limit.burst, 1));
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= MAX_BUCKETS)
            m_buckets.clear();
        it = m_buckets.emplace(std::string(key), Bucket { burst, now }).first;
    }
    auto& bucket = it->second;
    std::chrono::duration<double> elapsed = now - bucket.updated;
    bucket.tokens = std::min(burst, bucket.tokens + std::max(elapsed.count(), 0.0) * rate_per_second);
    bucket.updated = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return std::chrono::seconds(0);
    }
    auto wait = std::ceil((1.0 - bucket.tokens) / rate_per_second);
    return std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(wait)));
}

} // namespace kiosk::gateway
