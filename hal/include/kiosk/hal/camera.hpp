// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/device.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace kiosk::hal {

/// Frame dimensions in pixels.
struct FrameSize {
    int width = 0;
    int height = 0;
    friend bool operator==(FrameSize const&, FrameSize const&) = default;
};

/// One 8-bit grayscale frame, rows top to bottom, `stride` bytes apart (stride >= width).
struct Frame {
    FrameSize size;
    int stride = 0;
    std::vector<std::uint8_t> pixels;
    std::uint64_t sequence = 0;
    std::chrono::steady_clock::time_point captured_at {};
};

/// A grayscale camera. Implementations: drivers/camera/sim_camera (synthetic frames: no
/// camera sensor can be reached here), V4L2 and image folders in issue 4. One thread only.
class Camera : public Device {
public:
    /// Starts streaming. Idempotent. Errc::not_found / permission_denied / busy from the device.
    virtual Result<void> start() = 0;

    /// Stops streaming and releases buffers. Safe to call at any time.
    virtual void stop() = 0;

    /// Waits up to @p timeout for the next frame (frames that arrived while nobody asked are
    /// dropped, never queued without bound).
    /// @return the frame, or std::nullopt if none came in time. Errc::not_ready if not started,
    ///         Errc::disconnected if the camera went away.
    virtual Result<std::optional<Frame>> next_frame(std::chrono::milliseconds timeout) = 0;

    /// The size frames are delivered in (as configured on the board).
    [[nodiscard]] virtual FrameSize frame_size() const = 0;
};

} // namespace kiosk::hal
