// SPDX-License-Identifier: MIT
#pragma once

#include "printer/escpos_encoder.hpp"
#include "printer/text_rasterizer.hpp"

#include <kiosk/hal/byte_channel.hpp>
#include <kiosk/hal/receipt_printer.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace kiosk::drivers {

/// Whether the transport can carry status replies back.
enum class StatusQueries {
    ask,          ///< DLE EOT over the channel (USB, serial, TCP, the emulator)
    assume_ready, ///< write-only sinks (a plain file): status is always "ready, unknown paper"
};

/// Any ESC/POS thermal printer over a hal::ByteChannel (USB bulk, serial, TCP, file or the
/// emulator). Status is asked with `DLE EOT 1..4` after draining stale input; jobs are encoded
/// by EscPosEncoder and checked before and after. One thread (the print worker).
class EscPosPrinter final : public hal::ReceiptPrinter {
public:
    struct Options {
        StatusQueries status_queries = StatusQueries::ask;
        /// Bound for the four status replies together.
        std::chrono::milliseconds status_timeout { 1000 };
        /// Bound for writing one job.
        std::chrono::milliseconds write_timeout { 10000 };
    };

    /// Takes ownership of @p channel and @p text. @return Errc::invalid_argument if the
    /// capabilities have non-positive dots, or a piece is missing.
    static Result<std::unique_ptr<EscPosPrinter>> open(std::unique_ptr<hal::ByteChannel> channel,
        hal::PrinterCapabilities capabilities, std::unique_ptr<TextRasterizer> text, QrModuleEncoder qr,
        Options options);

    ~EscPosPrinter() override;
    EscPosPrinter(EscPosPrinter const&) = delete;
    EscPosPrinter& operator=(EscPosPrinter const&) = delete;
    EscPosPrinter(EscPosPrinter&&) = delete;
    EscPosPrinter& operator=(EscPosPrinter&&) = delete;

    /// "paper ok, cover closed" from a fresh status query. Prints nothing.
    /// @return Errc::not_ready naming the condition, or status()'s errors.
    Result<std::string> self_test() override;
    [[nodiscard]] hal::PrinterCapabilities capabilities() const override;
    /// @return Errc::timeout if a reply does not come within status_timeout,
    ///         Errc::malformed if a reply lacks the status pattern, Errc::disconnected.
    Result<hal::PrinterStatus> status() override;
    Result<void> print(hal::RasterImage const& page, hal::Cut cut) override;
    Result<void> print(hal::ReceiptDocument const& document) override;

    /// The encoder this printer lays jobs out with (for previews and byte counts).
    [[nodiscard]] EscPosEncoder const& encoder() const noexcept { return m_encoder; }
    /// The transport's description ("usb:04b8:0e15", ...).
    [[nodiscard]] std::string connection() const;
    /// The transport itself (the sim board's scenario hooks reach the emulator's sensors here).
    [[nodiscard]] hal::ByteChannel& channel() noexcept { return *m_channel; }

private:
    EscPosPrinter(std::unique_ptr<hal::ByteChannel> channel, hal::PrinterCapabilities capabilities,
        std::unique_ptr<TextRasterizer> text, QrModuleEncoder qr, Options options);
    Result<void> send_job(Bytes const& job);

    std::unique_ptr<hal::ByteChannel> m_channel;
    hal::PrinterCapabilities m_capabilities;
    std::unique_ptr<TextRasterizer> m_text;
    EscPosEncoder m_encoder;
    Options m_options;
};

/// "paper ok, cover closed" or the Errc::not_ready reason for @p status: shared by the
/// printers' self_test().
Result<std::string> printer_summary(hal::PrinterStatus const& status);

} // namespace kiosk::drivers
