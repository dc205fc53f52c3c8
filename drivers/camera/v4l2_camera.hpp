// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/camera.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::drivers {

/// A V4L2 capture device (USB UVC webcam, CSI camera through its V4L2 driver), the one file
/// calling V4L2. Pixel formats, in order of preference: GREY (copied), YUYV (its Y plane
/// taken) and MJPEG (decoded with libjpeg-turbo); the size and rate asked for are what the
/// driver is asked for, and frame_size() is what it granted. I/O: mmap streaming with
/// BUFFER_COUNT buffers; devices without streaming, or whose driver has no mmap buffers
/// (REQBUFS EINVAL), but with read() are read frame by frame.
/// next_frame() returns the newest filled buffer and gives older ones straight back to the
/// driver (frames are dropped, never queued). When the device goes away (ENODEV, EIO) calls
/// report Errc::disconnected and the next start() opens it again, so a camera plugged back
/// in recovers. One thread only.
class V4l2Camera final : public hal::Camera {
public:
    static constexpr unsigned BUFFER_COUNT = 4;

    /// Opens @p device and negotiates the format, size and rate (does not stream yet).
    /// @return Errc::not_found / permission_denied / busy from open(2), Errc::unsupported if
    ///         it is no capture device or offers none of GREY, YUYV, MJPEG, Errc::io otherwise.
    static Result<std::unique_ptr<V4l2Camera>> open(std::filesystem::path device, hal::FrameSize size, int frames_per_second);

    ~V4l2Camera() override;

    /// Asks the device for its capabilities now: "V4L2 camera 'HD Webcam' (uvcvideo) 1280x720
    /// YUYV at 15 fps". @return Errc::disconnected / not_found if it went away.
    Result<std::string> self_test() override;

    /// Allocates the buffers and starts streaming (reopening the device if it was unplugged).
    /// Idempotent. @return Errc::busy if another program streams from it, Errc::disconnected.
    Result<void> start() override;

    /// Stops streaming and frees the buffers. Safe at any time.
    void stop() override;

    /// Waits up to @p timeout for a frame. @return std::nullopt if none came, Errc::not_ready
    ///         if not started, Errc::disconnected if the camera went away, Errc::malformed for a
    ///         corrupt MJPEG frame (the next one may be fine).
    Result<std::optional<hal::Frame>> next_frame(std::chrono::milliseconds timeout) override;

    [[nodiscard]] hal::FrameSize frame_size() const override { return m_size; }

    /// "GREY", "YUYV" or "MJPG": the pixel format negotiated.
    [[nodiscard]] std::string pixel_format_name() const;

private:
    struct Buffer {
        void* start = nullptr;
        std::size_t length = 0;
    };

    V4l2Camera(std::filesystem::path device, hal::FrameSize size, int frames_per_second);

    Result<void> open_device();
    Result<void> negotiate();
    void close_device();
    void unmap_buffers();
    Result<hal::Frame> convert(std::uint8_t const* data, std::size_t used) const;
    Result<std::optional<hal::Frame>> read_frame();
    Error lost(int sys_errno, char const* context);

    std::filesystem::path m_device;
    hal::FrameSize m_requested;
    int m_frames_per_second;
    int m_fd = -1;
    hal::FrameSize m_size;
    std::uint32_t m_pixel_format = 0;
    std::uint32_t m_bytes_per_line = 0;
    std::uint32_t m_image_bytes = 0;
    bool m_streaming_io = true;
    bool m_read_io_offered = false;
    bool m_started = false;
    std::vector<Buffer> m_buffers;
    std::vector<std::uint8_t> m_read_buffer;
    std::uint64_t m_sequence = 0;
    std::string m_card;
    std::string m_driver;
};

} // namespace kiosk::drivers
