// SPDX-License-Identifier: MIT
#include "ui/widgets/kinetic_scroller.hpp"

#include <chrono>

#include <CppUTest/TestHarness.h>

using kiosk::ui::KineticScroller;
using namespace std::chrono_literals;

namespace {
KineticScroller::Clock::time_point t(int ms) { return KineticScroller::Clock::time_point(std::chrono::milliseconds(ms)); }
} // namespace

TEST_GROUP(KineticScroller) {};

TEST(KineticScroller, ContentFollowsTheFinger)
{
    KineticScroller s;
    s.set_max_offset(1000);
    s.press(500, t(0));
    s.drag(400, t(50));
    DOUBLES_EQUAL(100.0, s.offset(), 1e-9);
    CHECK(s.dragged());
}

TEST(KineticScroller, SmallMovementIsStillATap)
{
    KineticScroller s;
    s.set_max_offset(1000);
    s.press(500, t(0));
    s.drag(495, t(30));
    CHECK(!s.dragged());
    DOUBLES_EQUAL(0.0, s.offset(), 1e-9);
    s.release(t(40));
    CHECK(!s.flinging());
}

TEST(KineticScroller, FlingKeepsTheReleaseVelocityAndDecays)
{
    KineticScroller s;
    s.set_max_offset(100000);
    s.press(1000, t(0));
    for (int i = 1; i <= 10; ++i)
        s.drag(1000 - 20.0 * i, t(10 * i)); // 2 px/ms upwards
    double const at_release = s.offset();
    s.release(t(100));
    CHECK(s.flinging());
    DOUBLES_EQUAL(2.0, s.velocity(), 1e-6);
    s.step(t(100 + 325));
    // One time constant: velocity down to 1/e, distance v0 * tau * (1 - 1/e).
    DOUBLES_EQUAL(2.0 / 2.718281828, s.velocity(), 1e-3);
    DOUBLES_EQUAL(at_release + 2.0 * 325 * (1 - 1 / 2.718281828), s.offset(), 1e-2);
    // It comes to rest in bounded time.
    int ms = 425;
    while (s.step(t(ms)) && ms < 100000)
        ms += 16;
    CHECK(!s.flinging());
    CHECK(ms < 5000);
}

TEST(KineticScroller, PathDoesNotDependOnFrameRate)
{
    KineticScroller a;
    KineticScroller b;
    for (auto* s : { &a, &b }) {
        s->set_max_offset(100000);
        s->press(1000, t(0));
        s->drag(900, t(50));
        s->drag(800, t(100));
        s->release(t(100));
    }
    a.step(t(600));
    for (int ms = 104; ms <= 600; ms += 8)
        b.step(t(ms));
    DOUBLES_EQUAL(a.offset(), b.offset(), 1e-6);
}

TEST(KineticScroller, FlingStopsAtTheEnds)
{
    KineticScroller s;
    s.set_max_offset(300);
    s.press(1000, t(0));
    s.drag(800, t(50));
    s.release(t(50));
    CHECK(s.flinging());
    s.step(t(5000));
    DOUBLES_EQUAL(300.0, s.offset(), 1e-9);
    CHECK(!s.flinging());
    // Dragging past the top stays at 0.
    s.press(0, t(6000));
    s.drag(5000, t(6050));
    DOUBLES_EQUAL(0.0, s.offset(), 1e-9);
}

TEST(KineticScroller, FingerThatStoppedDoesNotFling)
{
    KineticScroller s;
    s.set_max_offset(10000);
    s.press(1000, t(0));
    s.drag(700, t(50));
    s.release(t(400));
    CHECK(!s.flinging());
}

TEST(KineticScroller, ShrinkingContentClampsTheOffset)
{
    KineticScroller s;
    s.set_max_offset(1000);
    s.scroll_to(900);
    s.set_max_offset(200);
    DOUBLES_EQUAL(200.0, s.offset(), 1e-9);
    s.set_max_offset(-5);
    DOUBLES_EQUAL(0.0, s.offset(), 1e-9);
}
