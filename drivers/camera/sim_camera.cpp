// SPDX-License-Identifier: MIT
#include "camera/sim_camera.hpp"

#include "common/bounded_timeout.hpp"

#include <algorithm>
#include <thread>

namespace kiosk::drivers {

namespace {

    constexpr int ROW_ALIGNMENT_BYTES = 16;

} // namespace

std::unique_ptr<SimCamera> SimCamera::create(hal::FrameSize size, int frames_per_second)
{
    // The constructor is private, so make_unique cannot reach it.
    return std::unique_ptr<SimCamera>(new SimCamera(size, frames_per_second));
}

SimCamera::SimCamera(hal::FrameSize size, int frames_per_second)
    : m_size { std::clamp(size.width, 1, MAX_SIDE_PX), std::clamp(size.height, 1, MAX_SIDE_PX) }
    , m_frames_per_second(std::clamp(frames_per_second, 1, MAX_FRAMES_PER_SECOND))
    , m_stride((m_size.width + ROW_ALIGNMENT_BYTES - 1) / ROW_ALIGNMENT_BYTES * ROW_ALIGNMENT_BYTES)
    , m_period(std::chrono::nanoseconds(std::chrono::seconds(1)) / m_frames_per_second)
{
}

SimCamera::~SimCamera() = default;

Result<std::string> SimCamera::self_test()
{
    bool const was_streaming = m_started_at.has_value();
    KIOSK_TRY(start());
    auto frame = next_frame(std::chrono::seconds(2));
    if (!was_streaming)
        stop();
    if (!frame.has_value())
        return Unexpected(std::move(frame).error());
    if (!frame->has_value())
        return fail(Errc::timeout, "camera self-test: no frame within 2 s");
    if ((*frame)->size != m_size)
        return fail(Errc::internal, "camera self-test: frame has the wrong size");
    return "simulated camera ready, " + std::to_string(m_size.width) + "x" + std::to_string(m_size.height) + " at "
        + std::to_string(m_frames_per_second) + " fps";
}

Result<void> SimCamera::start()
{
    if (!m_started_at.has_value()) {
        m_started_at = std::chrono::steady_clock::now();
        m_last_index = 0;
    }
    return {};
}

void SimCamera::stop()
{
    if (!m_started_at.has_value())
        return;
    // The next stream's frame 1 gets the sequence number after the last one delivered.
    m_sequence_base += m_last_index;
    m_started_at.reset();
    m_last_index = 0;
}

Result<std::optional<hal::Frame>> SimCamera::next_frame(std::chrono::milliseconds timeout)
{
    if (!m_started_at.has_value())
        return fail(Errc::not_ready, "reading a frame: camera not started");

    auto const started_at = *m_started_at;
    auto const now = std::chrono::steady_clock::now();
    auto const newest = static_cast<std::uint64_t>((now - started_at) / m_period);
    if (newest > m_last_index) {
        // Frames captured while nobody asked are dropped: deliver the newest one.
        m_last_index = newest;
        return std::optional<hal::Frame>(render(newest));
    }

    // Nothing new yet: the sensor delivers the next frame at its capture time, if that is
    // within the caller's timeout. Waiting here is the device model, not a test delay.
    std::uint64_t const next = m_last_index + 1;
    auto const due = started_at + m_period * static_cast<std::int64_t>(next);
    auto const deadline = now + bounded_timeout(timeout);
    if (due > deadline) {
        std::this_thread::sleep_until(deadline);
        return std::optional<hal::Frame>();
    }
    std::this_thread::sleep_until(due);
    m_last_index = next;
    return std::optional<hal::Frame>(render(next));
}

hal::FrameSize SimCamera::frame_size() const { return m_size; }

hal::Frame SimCamera::render(std::uint64_t index) const
{
    hal::Frame frame;
    frame.size = m_size;
    frame.stride = m_stride;
    frame.sequence = m_sequence_base + index;
    frame.captured_at = *m_started_at + m_period * static_cast<std::int64_t>(index);
    frame.pixels.assign(static_cast<std::size_t>(m_stride) * static_cast<std::size_t>(m_size.height), 0);

    // A diagonal gradient spanning 0..255 over the frame, shifted by 8 levels per frame, so
    // consecutive frames differ everywhere. Row padding stays 0.
    int const span = m_size.width + m_size.height;
    auto const shift = static_cast<int>((frame.sequence * 8) % 256);
    for (int y = 0; y < m_size.height; ++y) {
        auto* row = frame.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(m_stride);
        for (int x = 0; x < m_size.width; ++x)
            row[x] = static_cast<std::uint8_t>(((x + y) * 256 / span + shift) % 256);
    }
    return frame;
}

} // namespace kiosk::drivers
