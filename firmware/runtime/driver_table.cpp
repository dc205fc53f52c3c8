// SPDX-License-Identifier: MIT
// The driver table: which implementation fills a role for each connection scheme. Later
// issues add rows here (libnfc, escpos over usb/serial/tcp/file/emul, v4l2, rauc, sdl).
#include "runtime/driver_table.hpp"

#include "runtime/printer_drivers.hpp"
#include "runtime/version.hpp"

#include <audio/sim_speaker.hpp>
#include <boot/dir_boot_control.hpp>
#include <boot/sim_boot_control.hpp>
#include <camera/sim_camera.hpp>
#include <nfc/sim_card_reader.hpp>
#include <printer/sim_receipt_printer.hpp>
#include <scanner/sim_code_scanner.hpp>

#include <array>

namespace kiosk::runtime {

namespace {

hal::DeviceEntry entry_for(DriverContext const& context, std::string_view driver)
{
    return hal::DeviceEntry { context.role.role, std::string(driver), context.role.connection };
}

Result<void> open_sim_card_reader(DriverContext const& context, hal::Board& board)
{
    board.attach(std::unique_ptr<hal::CardReader>(drivers::SimCardReader::create()), entry_for(context, "sim"));
    return {};
}

Result<void> open_sim_code_scanner(DriverContext const& context, hal::Board& board)
{
    board.attach(std::unique_ptr<hal::CodeScanner>(drivers::SimCodeScanner::create()), entry_for(context, "sim"));
    return {};
}

Result<void> open_sim_camera(DriverContext const& context, hal::Board& board)
{
    auto const& options = context.role.camera;
    board.attach(std::unique_ptr<hal::Camera>(
                     drivers::SimCamera::create(hal::FrameSize { options.width, options.height }, options.fps)),
        entry_for(context, "sim"));
    return {};
}

Result<void> open_sim_printer(DriverContext const& context, hal::Board& board)
{
    auto const& options = context.role.printer;
    hal::PrinterCapabilities capabilities;
    capabilities.dots_per_line = options.head_dots;
    capabilities.dots_per_mm = options.dots_per_mm;
    capabilities.native_qr = options.native_qr;
    capabilities.code_page = options.code_page;
    // "sim:FOLDER" keeps receipts in FOLDER (relative to the board file); plain "sim:" puts
    // them in the run's output folder.
    std::filesystem::path folder = context.role.args.empty()
        ? context.output_dir / "receipts"
        : (context.board.directory() / context.role.args).lexically_normal();
    auto printer = KIOSK_TRY(drivers::SimReceiptPrinter::open(capabilities, folder));
    board.attach(std::unique_ptr<hal::ReceiptPrinter>(std::move(printer)), entry_for(context, "sim"));
    return {};
}

Result<void> open_sim_boot_control(DriverContext const& context, hal::Board& board)
{
    board.attach(std::unique_ptr<hal::BootControl>(drivers::SimBootControl::create(std::string(firmware_version()))),
        entry_for(context, "sim"));
    return {};
}

Result<void> open_dir_boot_control(DriverContext const& context, hal::Board& board)
{
    // "dir:FOLDER" keeps the slots in FOLDER (relative to the board file); plain "dir:" puts
    // them in the run's output folder.
    std::filesystem::path folder = context.role.args.empty()
        ? context.output_dir / "slots"
        : (context.board.directory() / context.role.args).lexically_normal();
    auto boot = KIOSK_TRY(drivers::DirBootControl::open(folder, std::string(firmware_version())));
    board.attach(std::unique_ptr<hal::BootControl>(std::move(boot)), entry_for(context, "dir"));
    return {};
}

Result<void> open_sim_speaker(DriverContext const& context, hal::Board& board)
{
    board.attach(std::unique_ptr<hal::Speaker>(drivers::SimSpeaker::create()), entry_for(context, "sim"));
    return {};
}

constexpr std::array DRIVERS {
    DriverInfo { hal::Role::card_reader, "sim", "sim", "", false, &open_sim_card_reader },
    DriverInfo { hal::Role::code_scanner, "sim", "sim", "", false, &open_sim_code_scanner },
    DriverInfo { hal::Role::camera, "sim", "sim", "", false, &open_sim_camera },
    DriverInfo { hal::Role::printer, "sim", "sim", "[FOLDER]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "emul", "escpos", "[FOLDER]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "usb", "escpos", "[VID:PID]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "serial", "escpos", "PATH[:BAUD]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "tcp", "escpos", "HOST[:PORT]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "file", "escpos", "PATH", true, &open_printer_driver },
    DriverInfo { hal::Role::boot_control, "sim", "sim", "", false, &open_sim_boot_control },
    DriverInfo { hal::Role::boot_control, "dir", "dir", "[FOLDER]", true, &open_dir_boot_control },
    DriverInfo { hal::Role::speaker, "sim", "sim", "", false, &open_sim_speaker },
};

} // namespace

std::span<DriverInfo const> driver_table() noexcept { return DRIVERS; }

DriverInfo const* find_driver(hal::Role role, std::string_view scheme) noexcept
{
    for (auto const& info : DRIVERS) {
        if (info.role == role && info.scheme == scheme)
            return &info;
    }
    return nullptr;
}

std::string known_schemes(hal::Role role)
{
    std::string names;
    for (auto const& info : DRIVERS) {
        if (info.role != role)
            continue;
        if (!names.empty())
            names += ", ";
        names += info.scheme;
    }
    return names;
}

} // namespace kiosk::runtime
