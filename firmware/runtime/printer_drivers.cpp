// SPDX-License-Identifier: MIT
// The printer rows of the driver table: which transport a connection string names, and the
// pieces an ESC/POS printer is built from (font rasterizer, QR encoder).
#include "runtime/printer_drivers.hpp"

#include <codes/qr_encoder.hpp>
#include <printer/escpos_encoder.hpp>
#include <printer/escpos_printer.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <printer/sim_receipt_printer.hpp>
#include <printer/ttf_text_rasterizer.hpp>
#include <transport/file_channel.hpp>
#include <transport/libusb_bulk_channel.hpp>
#include <transport/posix_serial_channel.hpp>
#include <transport/tcp_channel.hpp>

#include <charconv>
#include <utility>

namespace kiosk::runtime {

namespace {

    drivers::QrModuleEncoder qr_encoder()
    {
        return [](std::string_view payload) { return codes::QrEncoder::encode(payload); };
    }

    hal::PrinterCapabilities capabilities_of(RoleConfig const& role)
    {
        hal::PrinterCapabilities capabilities;
        capabilities.dots_per_line = role.printer.head_dots;
        capabilities.dots_per_mm = role.printer.dots_per_mm;
        capabilities.native_qr = role.printer.native_qr;
        capabilities.code_page = role.printer.code_page;
        return capabilities;
    }

    bool parse_number(std::string_view text, int& value)
    {
        if (text.empty())
            return false;
        auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        return error == std::errc() && end == text.data() + text.size();
    }

    std::filesystem::path folder_or_default(
        RoleConfig const& role, BoardConfig const& board, std::filesystem::path const& output_dir)
    {
        return role.args.empty() ? output_dir / "receipts" : (board.directory() / role.args).lexically_normal();
    }

    Result<std::unique_ptr<hal::ByteChannel>> open_channel(RoleConfig const& role, BoardConfig const& board,
        std::filesystem::path const& output_dir, std::shared_ptr<drivers::TtfTextRasterizer> const& text)
    {
        std::string const& args = role.args;
        if (role.scheme == "usb") {
            auto const selector = KIOSK_TRY(drivers::UsbSelector::parse(args));
            return std::unique_ptr<hal::ByteChannel>(KIOSK_TRY(drivers::LibusbBulkChannel::open(selector)));
        }
        if (role.scheme == "serial") {
            // serial:/dev/ttyUSB0:115200 or serial:/dev/ttyUSB0@115200; 115200 if not given.
            std::string path = args;
            int baud = 115200;
            auto const split = args.find_last_of(":@");
            if (split != std::string::npos && parse_number(std::string_view(args).substr(split + 1), baud))
                path = args.substr(0, split);
            else if (split != std::string::npos && args[split] == '@')
                return fail(Errc::invalid_argument, "serial printer speed must be a number: serial:PATH:BAUD");
            if (path.empty())
                return fail(Errc::invalid_argument, "serial printer needs a port: serial:/dev/ttyUSB0:115200");
            return std::unique_ptr<hal::ByteChannel>(KIOSK_TRY(drivers::PosixSerialChannel::open(path, baud)));
        }
        if (role.scheme == "tcp") {
            std::string host = args;
            int port = drivers::TcpChannel::DEFAULT_PORT;
            auto const split = args.rfind(':');
            if (split != std::string::npos) {
                if (!parse_number(std::string_view(args).substr(split + 1), port) || port <= 0 || port > 65535)
                    return fail(Errc::invalid_argument, "network printer port must be 1 to 65535: tcp:HOST:9100");
                host = args.substr(0, split);
            }
            if (host.empty())
                return fail(Errc::invalid_argument, "network printer needs a host: tcp:192.0.2.10:9100");
            return std::unique_ptr<hal::ByteChannel>(
                KIOSK_TRY(drivers::TcpChannel::open(host, static_cast<std::uint16_t>(port))));
        }
        if (role.scheme == "file") {
            if (args.empty())
                return fail(Errc::invalid_argument, "file printer needs a path: file:/dev/usb/lp0 or file:out.bin");
            return std::unique_ptr<hal::ByteChannel>(
                KIOSK_TRY(drivers::FileChannel::open((board.directory() / args).lexically_normal())));
        }
        if (role.scheme == "emul") {
            drivers::EscPosPrinterEmul::Options options;
            options.head_dots = role.printer.head_dots;
            options.output_dir = folder_or_default(role, board, output_dir);
            options.text = text;
            options.qr = qr_encoder();
            return std::unique_ptr<hal::ByteChannel>(KIOSK_TRY(drivers::EscPosPrinterEmul::open(std::move(options))));
        }
        return fail(Errc::invalid_argument, "unknown printer connection scheme");
    }

} // namespace

Result<std::unique_ptr<hal::ReceiptPrinter>> open_printer(
    RoleConfig const& role, BoardConfig const& board, std::filesystem::path const& output_dir)
{
    hal::PrinterCapabilities const capabilities = capabilities_of(role);
    std::shared_ptr<drivers::TtfTextRasterizer> text = KIOSK_TRY(drivers::TtfTextRasterizer::open());

    if (role.scheme == "sim") {
        // The role model saves PBM pages; documents are laid out as raster by the encoder.
        auto encoder = std::make_shared<drivers::EscPosEncoder>(capabilities, *text, qr_encoder());
        auto printer = KIOSK_TRY(drivers::SimReceiptPrinter::open(capabilities, folder_or_default(role, board, output_dir),
            [encoder, text](hal::ReceiptDocument const& document) { return encoder->render(document); }));
        return std::unique_ptr<hal::ReceiptPrinter>(std::move(printer));
    }

    auto channel = KIOSK_TRY(open_channel(role, board, output_dir, text));
    drivers::EscPosPrinter::Options options;
    if (auto const* file = dynamic_cast<drivers::FileChannel const*>(channel.get()); file != nullptr && !file->readable())
        options.status_queries = drivers::StatusQueries::assume_ready;
    auto driver_text = KIOSK_TRY(drivers::TtfTextRasterizer::open());
    auto printer = KIOSK_TRY(
        drivers::EscPosPrinter::open(std::move(channel), capabilities, std::move(driver_text), qr_encoder(), options));
    return std::unique_ptr<hal::ReceiptPrinter>(std::move(printer));
}

Result<void> open_printer_driver(DriverContext const& context, hal::Board& board)
{
    auto printer = KIOSK_TRY(open_printer(context.role, context.board, context.output_dir));
    auto const* info = find_driver(context.role.role, context.role.scheme);
    board.attach(std::move(printer),
        hal::DeviceEntry { context.role.role, std::string(info != nullptr ? info->driver : "escpos"), context.role.connection });
    return {};
}

Result<std::size_t> job_bytes(hal::ReceiptPrinter const& printer, hal::ReceiptDocument const& document)
{
    auto const* escpos = dynamic_cast<drivers::EscPosPrinter const*>(&printer);
    if (escpos == nullptr)
        return std::size_t { 0 };
    Bytes const job = KIOSK_TRY(escpos->encoder().encode(document));
    return job.size();
}

} // namespace kiosk::runtime
