// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/device.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::hal {

/// Symbologies we care about; anything else a scanner reports is `other`.
enum class CodeFormat {
    qr_code,
    code_128,
    pdf417,
    data_matrix,
    other,
};

/// Snake-case name used in JSON ("qr_code").
std::string_view code_format_name(CodeFormat format) noexcept;

/// One decoded code. The text may be personal data (the ID card's QR): never log it.
struct ScannedCode {
    std::string text;
    CodeFormat format = CodeFormat::qr_code;
    std::chrono::steady_clock::time_point at {};
};

/// Anything that yields decoded codes: a camera plus decoder, a serial scanner module, a
/// keyboard-wedge scanner. Implementations: drivers/scanner/sim_code_scanner, real ones in
/// issue 4. Each physical presentation of a code is reported once (de-duplicated).
/// Calls come from one worker thread; cancel() may be called from any thread.
class CodeScanner : public Device {
public:
    /// Waits up to @p timeout for the next code.
    /// @return the code, or std::nullopt if none came in time (not an error).
    ///         Errc::cancelled if cancel() was called, Errc::disconnected if the scanner went away.
    virtual Result<std::optional<ScannedCode>> next_code(std::chrono::milliseconds timeout) = 0;

    /// Makes a blocking next_code() on another thread return Errc::cancelled promptly.
    /// Thread-safe. The next wait after it behaves normally.
    virtual void cancel() = 0;
};

} // namespace kiosk::hal
