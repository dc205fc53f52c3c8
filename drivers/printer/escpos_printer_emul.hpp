// SPDX-License-Identifier: MIT
#pragma once

#include "printer/escpos_encoder.hpp"
#include "printer/text_rasterizer.hpp"

#include <kiosk/hal/byte_channel.hpp>
#include <kiosk/hal/printer_status.hpp>
#include <kiosk/hal/raster_image.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::drivers {

/// A thermal ESC/POS printer modelled behind a ByteChannel, so the real EscPosPrinter driver
/// runs against it: it parses what the driver sends (`ESC @ a E J d t`, `GS ! v0 (k V`,
/// `DLE EOT`), draws the paper, answers status queries from a settable state and writes each
/// cut receipt as `output_dir/NNN.png` (numbering continues after what is there). Bytes are
/// handled as they are written; nothing runs on its own thread and nothing depends on time.
///
/// While the printer is not ready (paper end, cover open, ...) it prints nothing: a receipt
/// in progress when that happens is torn (counted, never saved) and the rest of that job is
/// dropped up to the next `ESC @` that finds the printer ready. Thread-safe.
class EscPosPrinterEmul final : public hal::ByteChannel {
public:
    struct Options {
        int head_dots = 576;
        /// Where receipts are written; empty: kept in memory only.
        std::filesystem::path output_dir;
        /// Draws text-mode lines and native QR codes; may be null / empty (then those print
        /// as blank lines and count as unknown_commands()).
        std::shared_ptr<TextRasterizer const> text;
        QrModuleEncoder qr;
    };

    /// What a fault hook does when it fires.
    enum class Fault {
        paper_end,      ///< the paper runs out
        cover_open,     ///< someone opens the cover
        unplug,         ///< the cable is pulled: every call fails with Errc::disconnected until replug()
        stop_answering, ///< status queries get no reply (a hung printer)
    };

    /// @return Errc::invalid_argument if head_dots is not positive; the mapped errno kind if
    ///         the output folder cannot be created.
    static Result<std::unique_ptr<EscPosPrinterEmul>> open(Options options);

    ~EscPosPrinterEmul() override;
    EscPosPrinterEmul(EscPosPrinterEmul const&) = delete;
    EscPosPrinterEmul& operator=(EscPosPrinterEmul const&) = delete;
    EscPosPrinterEmul(EscPosPrinterEmul&&) = delete;
    EscPosPrinterEmul& operator=(EscPosPrinterEmul&&) = delete;

    /// Takes the bytes as a printer does. @return Errc::disconnected once unplugged (a fault
    /// firing inside @p data stops there), Errc::io if a receipt file cannot be written.
    Result<void> write(ByteView data, std::chrono::milliseconds timeout) override;
    /// Status replies queued by `DLE EOT`; 0 bytes at once when there are none (never waits).
    Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
    Result<void> discard_input() override;
    [[nodiscard]] std::string description() const override;

    /// Hook: what the sensors say from now on.
    void set_status(hal::PrinterStatus status);
    [[nodiscard]] hal::PrinterStatus status() const;
    /// Hook: @p fault fires after @p after_bytes more bytes have been received (0: at the
    /// next byte). One fault is armed at a time.
    void inject_fault(std::size_t after_bytes, Fault fault);
    /// Plugs the printer back in after Fault::unplug, with the status it had; answering again.
    void replug();

    /// Receipts cut and saved since open().
    [[nodiscard]] int receipts_out() const;
    /// Receipts spoiled by a fault mid-print.
    [[nodiscard]] int torn_receipts() const;
    /// The last receipt saved, dot for dot, head-wide.
    [[nodiscard]] std::optional<hal::RasterImage> last_receipt() const;
    /// The file of the last receipt saved (empty without output_dir or before the first).
    [[nodiscard]] std::filesystem::path last_receipt_file() const;
    /// Bytes received since open().
    [[nodiscard]] std::size_t bytes_received() const;
    /// Commands it did not understand (the driver must send none).
    [[nodiscard]] int unknown_commands() const;
    /// Ends a receipt that was printed without a cut (Cut::none) and saves it.
    Result<void> flush();

private:
    explicit EscPosPrinterEmul(Options options, int last_number);

    /// Parses and runs the first complete command in m_pending; false when more bytes are
    /// needed.
    Result<bool> run_one();
    void ensure_rows(int rows);
    void paint(hal::RasterImage const& image, int x);
    Result<void> print_text_line();
    Result<void> end_receipt(bool cut);
    void tear();
    [[nodiscard]] bool printing() const;

    Options m_options;
    mutable std::mutex m_mutex;
    hal::PrinterStatus m_status;
    bool m_unplugged = false;
    bool m_answering = true;
    std::optional<std::pair<std::size_t, Fault>> m_fault; ///< fires when m_received reaches first

    std::vector<std::uint8_t> m_pending;
    std::deque<std::uint8_t> m_replies;
    std::size_t m_received = 0;
    int m_unknown = 0;

    // The receipt being printed.
    std::vector<std::uint8_t> m_paper; ///< head-wide rows, RasterImage layout
    int m_rows = 0;                    ///< rows used so far (the print position)
    bool m_marked = false;             ///< anything printed on it
    bool m_torn = false;               ///< a fault spoiled it; dropped at the cut
    std::string m_line;                ///< text-mode characters waiting for LF
    int m_align = 0;
    bool m_bold = false;
    int m_scale = 1;
    int m_code_page = 0;
    std::string m_qr_payload;
    int m_qr_module_dots = 3;

    int m_last_number;
    int m_receipts = 0;
    int m_torn_count = 0;
    std::optional<hal::RasterImage> m_last;
    std::filesystem::path m_last_file;
};

} // namespace kiosk::drivers
