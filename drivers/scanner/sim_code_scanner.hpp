// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/code_scanner.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace kiosk::drivers {

/// Role-level model of a code scanner: codes are "shown" to it by a test or scenario hook and
/// come out of next_code() in the order shown. Each present() is one presentation, reported
/// once. All methods are thread-safe.
class SimCodeScanner final : public hal::CodeScanner {
public:
    /// How many presented codes wait for next_code(); presenting one more drops the oldest.
    static constexpr std::size_t QUEUE_LIMIT = 16;

    /// A scanner with nothing queued.
    static std::unique_ptr<SimCodeScanner> create();

    ~SimCodeScanner() override;

    /// "simulated scanner ready". Never fails; does not consume queued codes.
    Result<std::string> self_test() override;

    /// Waits up to @p timeout (steady clock) for a presented code; a queued one is returned at
    /// once. @return the oldest queued code, std::nullopt on timeout, Errc::cancelled if
    /// cancel() was called while waiting.
    Result<std::optional<hal::ScannedCode>> next_code(std::chrono::milliseconds timeout) override;

    /// Makes a next_code() in progress on another thread return Errc::cancelled at once. A
    /// cancel with no wait in progress has no effect.
    void cancel() override;

    /// Hook: shows the scanner a code. Stamped with the steady clock now; wakes next_code().
    /// When QUEUE_LIMIT codes are already waiting the oldest is dropped.
    void present(std::string text, hal::CodeFormat format = hal::CodeFormat::qr_code);

private:
    SimCodeScanner() = default;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<hal::ScannedCode> m_queue;
    /// Bumped by cancel(); a wait returns Errc::cancelled when it changes under it.
    std::uint64_t m_cancel_count = 0;
};

} // namespace kiosk::drivers
