// SPDX-License-Identifier: MIT
// FakeShownCamera (tests only: no camera sensor can be reached here): a camera in front of
// which a test holds images. Each image shown stays in view for a few frames, then the view
// is an empty mid-gray scene again; frames come at a fixed rate. Thread-safe, so a test can
// show images while a scanner's worker reads frames.
#pragma once

#include <kiosk/hal/camera.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::test {

class FakeShownCamera final : public hal::Camera {
public:
    FakeShownCamera(hal::FrameSize size, int frames_in_view)
        : m_size(size)
        , m_frames_in_view(frames_in_view)
    {
    }

    /// Holds @p frame (of frame_size()) in view for frames_in_view frames, after those shown before.
    void show(hal::Frame const& frame)
    {
        std::lock_guard lock(m_mutex);
        for (int i = 0; i < m_frames_in_view; ++i)
            m_shown.push_back(frame);
    }

    /// Makes the next next_frame() fail with Errc::disconnected (an unplug), once.
    void fail_next_frame()
    {
        std::lock_guard lock(m_mutex);
        m_fail_next = true;
    }

    /// Whether the camera is streaming, and how often start() was called.
    bool started()
    {
        std::lock_guard lock(m_mutex);
        return m_started;
    }
    /// Shown frames not delivered yet.
    std::size_t pending()
    {
        std::lock_guard lock(m_mutex);
        return m_shown.size();
    }
    int starts()
    {
        std::lock_guard lock(m_mutex);
        return m_starts;
    }

    Result<std::string> self_test() override { return std::string("fake camera"); }

    Result<void> start() override
    {
        std::lock_guard lock(m_mutex);
        m_started = true;
        ++m_starts;
        return {};
    }

    void stop() override
    {
        std::lock_guard lock(m_mutex);
        m_started = false;
    }

    Result<std::optional<hal::Frame>> next_frame(std::chrono::milliseconds timeout) override
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_started)
                return fail(Errc::not_ready, "fake camera not started");
            if (m_fail_next) {
                m_fail_next = false;
                return fail(Errc::disconnected, "fake camera unplugged");
            }
        }
        // The frame period of the fake sensor (device model), bounded by the caller's timeout.
        if (timeout < PERIOD) {
            std::this_thread::sleep_for(timeout);
            return std::optional<hal::Frame>();
        }
        std::this_thread::sleep_for(PERIOD);
        std::lock_guard lock(m_mutex);
        hal::Frame frame;
        if (m_shown.empty()) {
            frame.size = m_size;
            frame.stride = m_size.width;
            frame.pixels.assign(static_cast<std::size_t>(m_size.width) * static_cast<std::size_t>(m_size.height), 128);
        } else {
            frame = std::move(m_shown.front());
            m_shown.pop_front();
        }
        frame.sequence = ++m_sequence;
        frame.captured_at = std::chrono::steady_clock::now();
        return std::optional<hal::Frame>(std::move(frame));
    }

    [[nodiscard]] hal::FrameSize frame_size() const override { return m_size; }

    static constexpr std::chrono::milliseconds PERIOD { 20 };

private:
    hal::FrameSize m_size;
    int m_frames_in_view;
    std::mutex m_mutex;
    std::deque<hal::Frame> m_shown;
    bool m_started = false;
    bool m_fail_next = false;
    int m_starts = 0;
    std::uint64_t m_sequence = 0;
};

} // namespace kiosk::test
