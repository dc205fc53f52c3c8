// SPDX-License-Identifier: MIT
#pragma once

#include "scanner/keyboard_wedge_decoder.hpp"
#include "scanner/wait_canceller.hpp"

#include <kiosk/hal/code_scanner.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::drivers {

/// A keyboard-wedge scanner read from its evdev node (/dev/input/by-id/...-event-kbd), the
/// one file calling evdev. The device is grabbed (EVIOCGRAB) so its keystrokes reach no other
/// program (no typing into the UI or a console). Keys become codes by KeyboardWedgeDecoder
/// (US layout, Enter ends a code). When the device goes away next_code() reports
/// Errc::disconnected and later calls open (and grab) it again. next_code() from one thread;
/// cancel() from any.
class EvdevCodeScanner final : public hal::CodeScanner {
public:
    /// Opens and grabs @p device. @return Errc::not_found / permission_denied from open(2)
    ///         (udev rule missing: see drivers/scanner/README.md), Errc::busy if another
    ///         program grabbed it, Errc::unsupported if it is no input device.
    static Result<std::unique_ptr<EvdevCodeScanner>> open(std::filesystem::path device);

    ~EvdevCodeScanner() override;

    /// "keyboard-wedge scanner 'Honeywell ...' /dev/input/..., grabbed, 0 lines dropped".
    Result<std::string> self_test() override;

    /// As SerialCodeScanner::next_code(): a code, std::nullopt on timeout, Errc::cancelled,
    /// Errc::disconnected.
    Result<std::optional<hal::ScannedCode>> next_code(std::chrono::milliseconds timeout) override;

    void cancel() override;

    [[nodiscard]] LineDropCounts const& drops() const noexcept { return m_decoder.drops(); }

private:
    EvdevCodeScanner(std::filesystem::path device, std::unique_ptr<WaitCanceller> cancel);

    Result<void> reopen();
    void close_device();

    std::filesystem::path m_device;
    int m_fd = -1;
    std::unique_ptr<WaitCanceller> m_cancel;
    std::string m_name;
    KeyboardWedgeDecoder m_decoder;
};

} // namespace kiosk::drivers
