// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/printer_status.hpp>
#include <kiosk/hal/raster_image.hpp>
#include <kiosk/hal/receipt_printer.hpp>
#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace kiosk::drivers {

/// Role-level model of a thermal receipt printer that saves each printed receipt as a binary
/// PBM (P4) image, `output_dir/001.pbm`, `002.pbm`, ... (numbering continues after the highest
/// `NNN.pbm` already there). A file appears complete or not at all (written under a temporary
/// name, then renamed). Its status is whatever set_status() last set. Calls come from one
/// thread; the hooks may be called from another.
class SimReceiptPrinter final : public hal::ReceiptPrinter {
public:
    /// Lays a document out as one page (the runtime passes EscPosEncoder::render).
    using DocumentRenderer = std::function<Result<hal::RasterImage>(hal::ReceiptDocument const&)>;

    /// Opens a printer with @p capabilities writing into @p output_dir (created if missing).
    /// Starts online with paper ok. @return Errc::invalid_argument if dots_per_line or
    /// dots_per_mm is not positive; the mapped errno kind (Errc::permission_denied, io, ...) if
    /// the directory cannot be created.
    /// Documents are printed as the page @p renderer draws; without one, print(document)
    /// returns Errc::unsupported.
    static Result<std::unique_ptr<SimReceiptPrinter>> open(
        hal::PrinterCapabilities capabilities, std::filesystem::path output_dir, DocumentRenderer renderer = {});

    ~SimReceiptPrinter() override;

    /// "paper ok, cover closed" or "paper near end, cover closed". Prints nothing.
    /// @return Errc::not_ready when the status is not ready (offline, cover open, paper end,
    ///         cutter or unrecoverable error), the context saying which.
    Result<std::string> self_test() override;

    /// The capabilities given to open().
    [[nodiscard]] hal::PrinterCapabilities capabilities() const override;

    /// The status last set with set_status(). Never fails.
    Result<hal::PrinterStatus> status() override;

    /// Writes @p page as the next `NNN.pbm`. The cut is not recorded. Does not block beyond the
    /// file write. @return Errc::not_ready (nothing written) if the status is not ready,
    ///         Errc::invalid_argument if the page is empty or wider than dots_per_line, the
    ///         mapped errno kind (usually Errc::io) if the file cannot be written.
    Result<void> print(hal::RasterImage const& page, hal::Cut cut) override;

    /// Renders @p document with the renderer given to open() and prints it as a page.
    /// @return the renderer's errors, Errc::unsupported without a renderer, else as print(page).
    Result<void> print(hal::ReceiptDocument const& document) override;

    /// Hook: what status() reports from now on (paper end, cover open, ...).
    void set_status(hal::PrinterStatus status);

    /// Receipts written since open().
    [[nodiscard]] int receipts_printed() const;

    /// The folder receipts are written to.
    [[nodiscard]] std::filesystem::path const& output_dir() const;

private:
    SimReceiptPrinter(hal::PrinterCapabilities capabilities, std::filesystem::path output_dir, int last_number,
        DocumentRenderer renderer);

    hal::PrinterCapabilities const m_capabilities;
    std::filesystem::path const m_output_dir;
    DocumentRenderer const m_renderer;
    mutable std::mutex m_mutex;
    hal::PrinterStatus m_status;
    /// Number of the last file written (or found at open()).
    int m_last_number;
    int m_printed = 0;
};

} // namespace kiosk::drivers
