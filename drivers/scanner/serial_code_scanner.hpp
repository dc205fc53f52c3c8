// SPDX-License-Identifier: MIT
#pragma once

#include "scanner/scan_line_splitter.hpp"
#include "scanner/wait_canceller.hpp"

#include <kiosk/hal/code_scanner.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::drivers {

/// A 2D scanner module on a serial port (USB CDC-ACM `/dev/ttyACM0`, a UART, or a pty in
/// tests) that decodes by itself and sends one code per line (CR, LF or CR LF; see
/// ScanLineSplitter for what is dropped). The port is set raw, 8N1, no flow control, at the
/// given baud rate (CDC-ACM ignores it). When the device goes away next_code() reports
/// Errc::disconnected and each later call tries to open it again, so plugging it back in
/// recovers without a restart. next_code() from one thread; cancel() from any.
class SerialCodeScanner final : public hal::CodeScanner {
public:
    /// Opens @p device at @p baud (one of 1200..230400 standard rates).
    /// @return Errc::not_found / permission_denied / busy from open(2), Errc::invalid_argument
    ///         for an unsupported rate, Errc::io if the port cannot be configured.
    static Result<std::unique_ptr<SerialCodeScanner>> open(std::filesystem::path device, int baud);

    ~SerialCodeScanner() override;

    /// Checks the port is open (reopening it if it went away) and answers termios queries:
    /// "serial scanner /dev/ttyACM0 at 9600 baud, 0 lines dropped". Does not read codes.
    /// @return Errc::not_found / disconnected when the device is absent.
    Result<std::string> self_test() override;

    /// Waits up to @p timeout for the next complete line that is a code.
    /// @return the code (format from an AIM prefix, else `other`), std::nullopt on timeout,
    ///         Errc::cancelled, Errc::disconnected when the port went away (or cannot be
    ///         reopened), Errc::io for other read errors.
    Result<std::optional<hal::ScannedCode>> next_code(std::chrono::milliseconds timeout) override;

    /// Makes a next_code() in progress return Errc::cancelled at once. With none in progress
    /// it has no effect.
    void cancel() override;

    /// Lines dropped so far (too long, not text, fragments). Same thread as next_code().
    [[nodiscard]] LineDropCounts const& drops() const noexcept { return m_splitter.drops(); }

private:
    SerialCodeScanner(std::filesystem::path device, int baud, int speed_constant, std::unique_ptr<WaitCanceller> cancel);

    Result<void> reopen();
    void close_port();

    std::filesystem::path m_device;
    int m_baud;
    int m_speed_constant;
    int m_fd = -1;
    std::unique_ptr<WaitCanceller> m_cancel;
    ScanLineSplitter m_splitter;
};

} // namespace kiosk::drivers
