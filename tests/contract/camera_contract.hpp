// SPDX-License-Identifier: MIT
// The behaviour every hal::Camera shows (synthetic simulator, V4L2 under umockdev, an image
// folder, ...).
//
// Use: a TEST_GROUP provides the harness below as a member, then invokes
// KIOSK_CAMERA_CONTRACT(GroupName). Include this header after all other headers.
//
//   hal::Camera& camera();   the camera under test, stopped, delivering at least 1 frame/s
#pragma once

#include <kiosk/hal/camera.hpp>

#include <chrono>
#include <concepts>
#include <cstddef>
#include <optional>

#include "contract/contract_support.hpp"

namespace kiosk::contract {

/// What the suite needs from its TEST_GROUP (see the file comment).
// (clang-format 14 mangles requires-expressions.)
// clang-format off
template <class H>
concept CameraHarness = requires(H& harness) {
    { harness.camera() } -> std::same_as<hal::Camera&>;
};
// clang-format on

} // namespace kiosk::contract

namespace kiosk::contract::camera {

using namespace std::chrono_literals;

/// Longer than the slowest frame period a board may configure.
inline constexpr std::chrono::milliseconds FRAME_WAIT = 3s;

template <CameraHarness H> hal::Frame next_ok(H& h)
{
    auto frame = h.camera().next_frame(FRAME_WAIT);
    KIOSK_CHECK_OK(frame);
    CHECK_TRUE_TEXT(frame->has_value(), "no frame within the wait");
    return std::move(**frame);
}

template <CameraHarness H> void self_test_answers_and_leaves_the_camera_stopped(H& h)
{
    auto summary = h.camera().self_test();
    KIOSK_CHECK_OK(summary);
    CHECK_FALSE(summary->empty());
    KIOSK_CHECK_ERRC(Errc::not_ready, h.camera().next_frame(0ms));
}

template <CameraHarness H> void next_frame_before_start_is_not_ready(H& h)
{
    KIOSK_CHECK_ERRC(Errc::not_ready, h.camera().next_frame(100ms));
}

template <CameraHarness H> void frames_have_the_configured_size_and_layout(H& h)
{
    KIOSK_CHECK_OK(h.camera().start());
    hal::Frame const frame = next_ok(h);
    hal::FrameSize const size = h.camera().frame_size();
    CHECK_TRUE(size.width > 0 && size.height > 0);
    CHECK_TRUE(frame.size == size);
    CHECK_TRUE(frame.stride >= frame.size.width);
    auto const needed = static_cast<std::size_t>(frame.stride) * static_cast<std::size_t>(frame.size.height - 1)
        + static_cast<std::size_t>(frame.size.width);
    CHECK_TRUE(frame.pixels.size() >= needed);
    h.camera().stop();
}

template <CameraHarness H> void sequence_numbers_and_capture_times_increase(H& h)
{
    KIOSK_CHECK_OK(h.camera().start());
    hal::Frame const first = next_ok(h);
    hal::Frame const second = next_ok(h);
    hal::Frame const third = next_ok(h);
    CHECK_TRUE(first.sequence < second.sequence);
    CHECK_TRUE(second.sequence < third.sequence);
    CHECK_TRUE(first.captured_at < second.captured_at);
    CHECK_TRUE(second.captured_at < third.captured_at);
    CHECK_TRUE(third.captured_at <= std::chrono::steady_clock::now());
    h.camera().stop();
}

template <CameraHarness H> void start_is_idempotent(H& h)
{
    KIOSK_CHECK_OK(h.camera().start());
    KIOSK_CHECK_OK(h.camera().start());
    (void)next_ok(h);
    h.camera().stop();
}

template <CameraHarness H> void stop_is_safe_at_any_time_and_ends_the_stream(H& h)
{
    h.camera().stop();
    KIOSK_CHECK_OK(h.camera().start());
    h.camera().stop();
    h.camera().stop();
    KIOSK_CHECK_ERRC(Errc::not_ready, h.camera().next_frame(100ms));
    KIOSK_CHECK_OK(h.camera().start());
    (void)next_ok(h);
    h.camera().stop();
}

template <CameraHarness H> void zero_timeout_is_a_poll_not_an_error(H& h)
{
    KIOSK_CHECK_OK(h.camera().start());
    auto frame = h.camera().next_frame(0ms);
    KIOSK_CHECK_OK(frame);
    h.camera().stop();
}

} // namespace kiosk::contract::camera

/// Expands to the camera contract tests for TEST_GROUP @p group (see the file comment).
#define KIOSK_CAMERA_CONTRACT(group)                                                                                   \
    TEST(group, self_test_answers_and_leaves_the_camera_stopped)                                                       \
    {                                                                                                                  \
        ::kiosk::contract::camera::self_test_answers_and_leaves_the_camera_stopped(*this);                             \
    }                                                                                                                  \
    TEST(group, next_frame_before_start_is_not_ready)                                                                  \
    {                                                                                                                  \
        ::kiosk::contract::camera::next_frame_before_start_is_not_ready(*this);                                        \
    }                                                                                                                  \
    TEST(group, frames_have_the_configured_size_and_layout)                                                            \
    {                                                                                                                  \
        ::kiosk::contract::camera::frames_have_the_configured_size_and_layout(*this);                                  \
    }                                                                                                                  \
    TEST(group, sequence_numbers_and_capture_times_increase)                                                           \
    {                                                                                                                  \
        ::kiosk::contract::camera::sequence_numbers_and_capture_times_increase(*this);                                 \
    }                                                                                                                  \
    TEST(group, start_is_idempotent) { ::kiosk::contract::camera::start_is_idempotent(*this); }                        \
    TEST(group, stop_is_safe_at_any_time_and_ends_the_stream)                                                          \
    {                                                                                                                  \
        ::kiosk::contract::camera::stop_is_safe_at_any_time_and_ends_the_stream(*this);                                \
    }                                                                                                                  \
    TEST(group, zero_timeout_is_a_poll_not_an_error)                                                                   \
    {                                                                                                                  \
        ::kiosk::contract::camera::zero_timeout_is_a_poll_not_an_error(*this);                                         \
    }
