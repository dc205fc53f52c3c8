// SPDX-License-Identifier: MIT
#include "printer/escpos_printer.hpp"

#include "printer/escpos_status.hpp"

#include <array>
#include <utility>

namespace kiosk::drivers {

Result<std::string> printer_summary(hal::PrinterStatus const& status)
{
    if (status.cover_open)
        return fail(Errc::not_ready, "printer cover open");
    if (status.paper == hal::PaperLevel::end)
        return fail(Errc::not_ready, "printer out of paper");
    if (status.cutter_error)
        return fail(Errc::not_ready, "printer cutter error");
    if (status.unrecoverable_error)
        return fail(Errc::not_ready, "printer unrecoverable error");
    if (!status.online)
        return fail(Errc::not_ready, "printer offline");
    std::string summary = status.paper == hal::PaperLevel::near_end ? "paper near end" : "paper ok";
    summary += ", cover closed";
    if (status.recoverable_error)
        summary += ", recovering from an error";
    return summary;
}

Result<std::unique_ptr<EscPosPrinter>> EscPosPrinter::open(std::unique_ptr<hal::ByteChannel> channel,
    hal::PrinterCapabilities capabilities, std::unique_ptr<TextRasterizer> text, QrModuleEncoder qr, Options options)
{
    if (!channel || !text || !qr)
        return fail(Errc::invalid_argument, "ESC/POS printer needs a channel, a text rasterizer and a QR encoder");
    if (capabilities.dots_per_line <= 0 || capabilities.dots_per_mm <= 0)
        return fail(Errc::invalid_argument, "printer capabilities: dots must be positive");
    return std::unique_ptr<EscPosPrinter>(new EscPosPrinter(
        std::move(channel), std::move(capabilities), std::move(text), std::move(qr), options));
}

EscPosPrinter::EscPosPrinter(std::unique_ptr<hal::ByteChannel> channel, hal::PrinterCapabilities capabilities,
    std::unique_ptr<TextRasterizer> text, QrModuleEncoder qr, Options options)
    : m_channel(std::move(channel))
    , m_capabilities(std::move(capabilities))
    , m_text(std::move(text))
    , m_encoder(m_capabilities, *m_text, std::move(qr))
    , m_options(options)
{
}

EscPosPrinter::~EscPosPrinter() = default;

std::string EscPosPrinter::connection() const { return m_channel->description(); }

hal::PrinterCapabilities EscPosPrinter::capabilities() const { return m_capabilities; }

Result<std::string> EscPosPrinter::self_test()
{
    hal::PrinterStatus const current = KIOSK_TRY(status());
    return printer_summary(current);
}

Result<hal::PrinterStatus> EscPosPrinter::status()
{
    if (m_options.status_queries == StatusQueries::assume_ready) {
        hal::PrinterStatus assumed;
        assumed.online = true;
        return assumed;
    }
    // A reply left over from an earlier, timed-out query would be taken for this one's.
    KIOSK_TRY(m_channel->discard_input());
    auto const deadline = std::chrono::steady_clock::now() + m_options.status_timeout;
    std::array<std::uint8_t, 4> replies {};
    for (std::uint8_t n = 1; n <= 4; ++n) {
        auto const request = EscPosStatus::request(static_cast<EscPosStatus::Query>(n));
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        KIOSK_TRY(m_channel->write(request, std::max(left, std::chrono::milliseconds(1))));
        bool answered = false;
        while (!answered) {
            auto const remaining
                = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            std::uint8_t byte = 0;
            std::size_t const count = KIOSK_TRY(m_channel->read(std::span(&byte, 1), std::max(remaining, std::chrono::milliseconds(0))));
            if (count == 1) {
                // Automatic status back (ASB) and other unsolicited bytes lack the pattern.
                if (EscPosStatus::is_status_byte(byte)) {
                    replies[n - 1U] = byte;
                    answered = true;
                }
                continue;
            }
            if (remaining.count() <= 0 || count == 0)
                return fail(Errc::timeout, "printer did not answer the status query");
        }
    }
    return EscPosStatus::parse(replies);
}

Result<void> EscPosPrinter::send_job(Bytes const& job)
{
    hal::PrinterStatus const before = KIOSK_TRY(status());
    if (!before.ready()) {
        auto reason = printer_summary(before);
        return Unexpected(reason ? Error(Errc::not_ready, "printer not ready") : reason.error());
    }
    KIOSK_TRY(m_channel->write(job, m_options.write_timeout));
    // Paper running out or the cover opened while the job went out: the receipt is spoiled,
    // the caller keeps the job and prints it whole again.
    hal::PrinterStatus const after = KIOSK_TRY(status());
    if (!after.ready()) {
        auto reason = printer_summary(after);
        return Unexpected(reason ? Error(Errc::not_ready, "printer not ready") : reason.error());
    }
    return {};
}

Result<void> EscPosPrinter::print(hal::RasterImage const& page, hal::Cut cut)
{
    Bytes const job = KIOSK_TRY(m_encoder.encode_page(page, cut));
    return send_job(job);
}

Result<void> EscPosPrinter::print(hal::ReceiptDocument const& document)
{
    Bytes const job = KIOSK_TRY(m_encoder.encode(document));
    return send_job(job);
}

} // namespace kiosk::drivers
