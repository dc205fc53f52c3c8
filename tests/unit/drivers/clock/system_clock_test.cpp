// SPDX-License-Identifier: MIT
#include <clock/system_clock.hpp>

#include <chrono>

#include <CppUTest/TestHarness.h>

using namespace std::chrono_literals;

TEST_GROUP(SystemClock) { kiosk::drivers::SystemClock m_clock; };

TEST(SystemClock, follows_the_steady_clock)
{
    auto const before = std::chrono::steady_clock::now();
    auto const now = m_clock.now();
    auto const after = std::chrono::steady_clock::now();
    CHECK_TRUE(before <= now && now <= after);
    CHECK_TRUE(now <= m_clock.now());
}

TEST(SystemClock, follows_the_system_clock)
{
    auto const before = std::chrono::system_clock::now();
    auto const wall = m_clock.wall_now();
    auto const after = std::chrono::system_clock::now();
    // The system clock may be stepped between the reads; allow a generous margin.
    CHECK_TRUE(before - 1min <= wall && wall <= after + 1min);
}
