// SPDX-License-Identifier: MIT
// What the synthetic camera adds beyond the camera contract (frame rate, content, padding).
#include <camera/sim_camera.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <utility>

#include "contract/contract_support.hpp"

using namespace std::chrono_literals;
using kiosk::drivers::SimCamera;

namespace {

kiosk::hal::Frame grab(SimCamera& camera)
{
    auto frame = camera.next_frame(2s);
    KIOSK_CHECK_OK(frame);
    CHECK_TRUE(frame->has_value());
    return std::move(**frame);
}

} // namespace

TEST_GROUP(SimCamera) { std::unique_ptr<SimCamera> m_camera = SimCamera::create({ 100, 60 }, 50); };

TEST(SimCamera, frames_come_no_faster_than_the_frame_rate)
{
    CHECK_TRUE(20ms == m_camera->frame_period());
    KIOSK_CHECK_OK(m_camera->start());
    auto const first = grab(*m_camera);
    auto const second = grab(*m_camera);
    CHECK_TRUE(second.captured_at - first.captured_at >= m_camera->frame_period());
    // A frame is never handed out before its capture time.
    CHECK_TRUE(second.captured_at <= std::chrono::steady_clock::now());
}

TEST(SimCamera, short_timeout_before_the_next_frame_is_nullopt)
{
    auto slow = SimCamera::create({ 16, 16 }, 1);
    KIOSK_CHECK_OK(slow->start());
    // The first frame is captured one second after start.
    auto frame = slow->next_frame(5ms);
    KIOSK_CHECK_OK(frame);
    CHECK_FALSE(frame->has_value());
}

TEST(SimCamera, rows_are_padded_to_16_bytes_with_zeros)
{
    KIOSK_CHECK_OK(m_camera->start());
    auto const frame = grab(*m_camera);
    LONGS_EQUAL(112, frame.stride);
    UNSIGNED_LONGS_EQUAL(112 * 60, frame.pixels.size());
    int nonzero_padding = 0;
    for (int y = 0; y < 60; ++y)
        for (int x = 100; x < 112; ++x)
            nonzero_padding
                += frame.pixels[static_cast<std::size_t>(y) * 112 + static_cast<std::size_t>(x)] != 0 ? 1 : 0;
    LONGS_EQUAL(0, nonzero_padding);
}

TEST(SimCamera, the_picture_moves_between_frames)
{
    KIOSK_CHECK_OK(m_camera->start());
    auto const first = grab(*m_camera);
    auto const second = grab(*m_camera);
    CHECK_TRUE(first.pixels != second.pixels);
    // A gradient, not a flat field.
    CHECK_TRUE(first.pixels[0] != first.pixels[static_cast<std::size_t>(59 * 112 + 99)]);
}

TEST(SimCamera, sequence_keeps_increasing_across_a_restart)
{
    KIOSK_CHECK_OK(m_camera->start());
    auto const before = grab(*m_camera);
    m_camera->stop();
    KIOSK_CHECK_OK(m_camera->start());
    auto const after = grab(*m_camera);
    CHECK_TRUE(after.sequence > before.sequence);
}

TEST(SimCamera, self_test_names_size_and_rate)
{
    STRCMP_EQUAL("simulated camera ready, 100x60 at 50 fps", m_camera->self_test()->c_str());
}

TEST(SimCamera, self_test_keeps_a_running_stream_running)
{
    KIOSK_CHECK_OK(m_camera->start());
    KIOSK_CHECK_OK(m_camera->self_test());
    (void)grab(*m_camera);
}

TEST(SimCamera, silly_configuration_is_clamped)
{
    auto camera = SimCamera::create({ 0, -5 }, 0);
    CHECK_TRUE((kiosk::hal::FrameSize { 1, 1 }) == camera->frame_size());
    CHECK_TRUE(std::chrono::nanoseconds(1s) == camera->frame_period());
    auto huge = SimCamera::create({ 100000, 100 }, 100000);
    LONGS_EQUAL(SimCamera::MAX_SIDE_PX, huge->frame_size().width);
    CHECK_TRUE(std::chrono::nanoseconds(1s) / SimCamera::MAX_FRAMES_PER_SECOND == huge->frame_period());
}
