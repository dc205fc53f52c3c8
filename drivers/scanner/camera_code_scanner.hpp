// SPDX-License-Identifier: MIT
#pragma once

#include "scanner/zxing_frame_decoder.hpp"

#include <kiosk/hal/camera.hpp>
#include <kiosk/hal/code_scanner.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::drivers {

/// Timing of CameraCodeScanner.
struct CameraScannerOptions {
    /// A code not seen for this long has left the window; shown again, it is a new presentation.
    std::chrono::milliseconds forget_after { 1500 };
    /// The camera streams while next_code() is being called and for this long after the last
    /// call, then stops (and its light goes off) until the next call.
    std::chrono::milliseconds idle_stop { 5000 };
    /// Codes found but not taken within this time are stale (the citizen walked away).
    std::chrono::milliseconds code_max_age { 5000 };
    /// After a camera failure, how long to wait before starting it again.
    std::chrono::milliseconds retry_after { 1000 };
    DecoderOptions decoder;
};

/// A code scanner made of a camera and ZxingFrameDecoder. A worker thread takes the newest
/// frame, decodes it and only then asks for the next one, so frames that arrive while it
/// decodes are dropped by the camera and no frame queue exists. Codes are de-duplicated:
/// one presentation (the same text and format in view, with gaps shorter than forget_after)
/// is reported once. At most QUEUE_LIMIT codes wait for next_code(); older ones are dropped.
/// next_code() and self_test() from one thread; cancel() from any.
class CameraCodeScanner final : public hal::CodeScanner {
public:
    static constexpr std::size_t QUEUE_LIMIT = 8;

    /// Takes ownership of @p camera (stopped) and starts the worker (idle until next_code()).
    static Result<std::unique_ptr<CameraCodeScanner>> create(
        std::unique_ptr<hal::Camera> camera, CameraScannerOptions options = {});

    /// Stops the worker and the camera.
    ~CameraCodeScanner() override;

    /// The camera's self-test, run while the worker is idle (waits for it to go idle up to 2 s):
    /// "camera scanner, image folder ...". @return the camera's errors, Errc::busy if it is streaming.
    Result<std::string> self_test() override;

    /// Streams (starting the camera if needed) and waits up to @p timeout for a new code.
    /// @return the code, std::nullopt on timeout, Errc::cancelled, Errc::disconnected when the
    ///         camera failed (reported once per failure; the worker restarts it).
    Result<std::optional<hal::ScannedCode>> next_code(std::chrono::milliseconds timeout) override;

    void cancel() override;

    /// Frames decoded so far, for the bench CLI and tests.
    [[nodiscard]] std::uint64_t frames_decoded() const;

private:
    CameraCodeScanner(std::unique_ptr<hal::Camera> camera, CameraScannerOptions options);

    void run();
    void handle_codes(std::vector<DecodedCode> const& codes, std::chrono::steady_clock::time_point at);

    std::unique_ptr<hal::Camera> m_camera;
    CameraScannerOptions m_options;
    ZxingFrameDecoder m_decoder;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<hal::ScannedCode> m_queue;
    /// Text+format -> when last seen, for de-duplication (worker only, under the mutex).
    std::map<std::pair<std::string, hal::CodeFormat>, std::chrono::steady_clock::time_point> m_in_view;
    std::optional<Error> m_failure;
    std::chrono::steady_clock::time_point m_last_demand {};
    int m_waiters = 0;
    bool m_streaming = false;
    bool m_self_testing = false;
    bool m_quit = false;
    std::uint64_t m_cancel_count = 0;
    std::uint64_t m_frames = 0;
    std::thread m_worker;
};

} // namespace kiosk::drivers
