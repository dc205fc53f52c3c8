// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/camera.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::drivers {

/// A fake camera sensor (no camera can be reached from here): synthetic 8-bit grayscale frames
/// of a diagonal gradient that moves with every frame. While streaming, frame k is "captured"
/// k frame periods after start(); next_frame() returns the newest captured frame not yet
/// delivered (older ones are dropped, so sequence numbers may skip) or waits, on the steady
/// clock and at most the caller's timeout, for the next one. Rows are padded to a multiple of
/// 16 bytes, as V4L2 buffers often are, so stride > width for most widths. One thread only.
class SimCamera final : public hal::Camera {
public:
    /// Largest width or height accepted; larger values are clamped.
    static constexpr int MAX_SIDE_PX = 8192;
    /// Highest frame rate accepted; larger values are clamped.
    static constexpr int MAX_FRAMES_PER_SECOND = 240;

    /// A stopped camera delivering @p size frames at @p frames_per_second. Width and height are
    /// clamped to 1..MAX_SIDE_PX and the rate to 1..MAX_FRAMES_PER_SECOND (the board loader
    /// validates them; this keeps a bad value from doing harm).
    static std::unique_ptr<SimCamera> create(hal::FrameSize size, int frames_per_second);

    ~SimCamera() override;

    /// Starts streaming if needed, waits for one frame (at most 2 s), checks its size, and
    /// stops again if it was stopped before. "simulated camera ready, 640x480 at 15 fps".
    /// @return Errc::timeout if no frame came, Errc::internal if its size is wrong.
    Result<std::string> self_test() override;

    /// Starts streaming; the first frame is captured one frame period later. Idempotent.
    Result<void> start() override;

    /// Stops streaming. Safe to call at any time. Sequence numbers keep increasing across a
    /// stop and a new start.
    void stop() override;

    /// Waits up to @p timeout (steady clock) for the next frame. @return the frame, or
    /// std::nullopt if none is captured in time; Errc::not_ready if not started.
    Result<std::optional<hal::Frame>> next_frame(std::chrono::milliseconds timeout) override;

    /// The configured (clamped) frame size.
    [[nodiscard]] hal::FrameSize frame_size() const override;

    /// Time between two captured frames.
    [[nodiscard]] std::chrono::nanoseconds frame_period() const noexcept { return m_period; }

private:
    SimCamera(hal::FrameSize size, int frames_per_second);

    [[nodiscard]] hal::Frame render(std::uint64_t index) const;

    hal::FrameSize m_size;
    int m_frames_per_second;
    int m_stride;
    std::chrono::nanoseconds m_period;
    /// Set while streaming.
    std::optional<std::chrono::steady_clock::time_point> m_started_at;
    /// Index (1-based, within the current stream) of the last frame delivered; 0 for none.
    std::uint64_t m_last_index = 0;
    /// Sequence number of frame index 0 of the current stream.
    std::uint64_t m_sequence_base = 0;
};

} // namespace kiosk::drivers
