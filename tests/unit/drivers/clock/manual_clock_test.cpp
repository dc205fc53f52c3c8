// SPDX-License-Identifier: MIT
#include <clock/manual_clock.hpp>

#include <chrono>
#include <thread>
#include <vector>

#include <CppUTest/TestHarness.h>

using namespace std::chrono_literals;
using kiosk::drivers::ManualClock;

TEST_GROUP(ManualClock) { ManualClock m_clock; };

TEST(ManualClock, starts_at_a_fixed_wall_time)
{
    // 2025-07-01T08:00:00Z.
    LONGS_EQUAL(
        1751356800, std::chrono::duration_cast<std::chrono::seconds>(m_clock.wall_now().time_since_epoch()).count());
    CHECK_TRUE(ManualClock::default_wall_start() == m_clock.wall_now());
    CHECK_TRUE(m_clock.now() > std::chrono::steady_clock::time_point {});
}

TEST(ManualClock, stands_still_until_advanced)
{
    auto const now = m_clock.now();
    auto const wall = m_clock.wall_now();
    CHECK_TRUE(now == m_clock.now());
    CHECK_TRUE(wall == m_clock.wall_now());
}

TEST(ManualClock, advance_moves_both_clocks)
{
    auto const now = m_clock.now();
    auto const wall = m_clock.wall_now();
    m_clock.advance(1500ms);
    m_clock.advance(0ms);
    CHECK_TRUE(now + 1500ms == m_clock.now());
    CHECK_TRUE(wall + 1500ms == m_clock.wall_now());
}

TEST(ManualClock, set_wall_leaves_monotonic_time_alone)
{
    auto const now = m_clock.now();
    auto const earlier = ManualClock::default_wall_start() - 24h;
    m_clock.set_wall(earlier);
    CHECK_TRUE(earlier == m_clock.wall_now());
    CHECK_TRUE(now == m_clock.now());
    m_clock.advance(1s);
    CHECK_TRUE(earlier + 1s == m_clock.wall_now());
}

TEST(ManualClock, can_start_elsewhere)
{
    auto const start = std::chrono::system_clock::time_point { std::chrono::seconds(1'000'000'000) };
    ManualClock clock(start);
    CHECK_TRUE(start == clock.wall_now());
}

TEST(ManualClock, advances_from_several_threads_add_up)
{
    auto const now = m_clock.now();
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([this] {
            for (int i = 0; i < 1000; ++i)
                m_clock.advance(1ms);
        });
    for (auto& thread : threads)
        thread.join();
    CHECK_TRUE(now + 4000ms == m_clock.now());
}
