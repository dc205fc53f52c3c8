// SPDX-License-Identifier: MIT
// The driver table: which implementation fills a role for each connection scheme. Later
// issues add rows here (libnfc, escpos over usb/serial/tcp/file/emul, v4l2, rauc, sdl).
#include "runtime/driver_table.hpp"

#include "runtime/printer_drivers.hpp"
#include "runtime/version.hpp"

#include <audio/sdl_speaker.hpp>
#include <audio/sim_speaker.hpp>
#include <boot/dir_boot_control.hpp>
#include <boot/rauc_boot_control.hpp>
#include <boot/sim_boot_control.hpp>
#include <camera/sim_camera.hpp>
#include <camera/image_dir_camera.hpp>
#include <camera/v4l2_camera.hpp>
#include <nfc/emulated_pn532_reader.hpp>
#include <nfc/libnfc_card_reader.hpp>
#include <nfc/sim_card_reader.hpp>
#include <printer/sim_receipt_printer.hpp>
#include <scanner/sim_code_scanner.hpp>
#include <scanner/camera_code_scanner.hpp>
#include <scanner/evdev_code_scanner.hpp>
#include <scanner/serial_code_scanner.hpp>

#include <array>
#include <charconv>

#if defined(KIOSK_HAVE_TEST_CARDS)
#include <tools/card_factory.hpp>
#endif

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

// "libnfc:CONNSTRING": any libnfc device; "libnfc:" is libnfc's default device
// (LIBNFC_DEFAULT_DEVICE or /etc/nfc/libnfc.conf).
Result<void> open_libnfc_card_reader(DriverContext const& context, hal::Board& board)
{
    auto reader = KIOSK_TRY(drivers::LibnfcCardReader::open(context.role.args));
    board.attach(std::unique_ptr<hal::CardReader>(std::move(reader)), entry_for(context, "libnfc"));
    return {};
}

// "pn532_emul:[CARD]": a PN532 emulator on a pty, opened through libnfc's real pn532_uart
// driver; CARD (a test card spec, e.g. "apdu-echo" or "persona:NAME") starts in its field.
Result<void> open_emulated_card_reader(DriverContext const& context, hal::Board& board)
{
    std::unique_ptr<drivers::CardEmul> card;
    if (!context.role.args.empty()) {
#if defined(KIOSK_HAVE_TEST_CARDS)
        card = test::make_test_card(context.role.args);
        if (!card)
            return fail(Errc::invalid_argument, "pn532_emul: unknown card (see tests/tools/card_factory.hpp)");
#else
        return fail(Errc::unsupported, "pn532_emul: this build has no test cards (configure with tests on)");
#endif
    }
    auto reader = KIOSK_TRY(drivers::EmulatedPn532Reader::open(std::move(card)));
    board.attach(std::unique_ptr<hal::CardReader>(std::move(reader)), entry_for(context, "libnfc"));
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

// "rauc:[RAUC][,conf=FILE][,class=CLASS][,state=FILE][,reboot=PROGRAM]": the real boards'
// A/B slots through RAUC's command line (drivers/boot/README.md); paths relative to the board file.
Result<void> open_rauc_boot_control(DriverContext const& context, hal::Board& board)
{
    auto options = KIOSK_TRY(drivers::parse_rauc_connection(context.role.args, context.board.directory()));
    options.running_version = std::string(firmware_version());
    auto boot = KIOSK_TRY(drivers::RaucBootControl::open(std::move(options)));
    board.attach(std::unique_ptr<hal::BootControl>(std::move(boot)), entry_for(context, "rauc"));
    return {};
}

Result<void> open_sim_speaker(DriverContext const& context, hal::Board& board)
{
    board.attach(std::unique_ptr<hal::Speaker>(drivers::SimSpeaker::create()), entry_for(context, "sim"));
    return {};
}

// "sdl:[DEVICE]": SDL2 audio on the real boards; DEVICE is SDL's name of an output ("sdl:" or
// "sdl:default": the system's default). SDL_AUDIODRIVER picks the backend (dummy when headless).
Result<void> open_sdl_speaker(DriverContext const& context, hal::Board& board)
{
    auto speaker = KIOSK_TRY(drivers::SdlSpeaker::open(context.role.args));
    board.attach(std::unique_ptr<hal::Speaker>(std::move(speaker)), entry_for(context, "sdl"));
    return {};
}

// Cameras and code scanners (issue 4).

// A camera named by a connection ("images:DIR"), with the size and rate of @p options.
Result<std::unique_ptr<hal::Camera>> open_camera_connection(
    DriverContext const& context, std::string_view connection, CameraOptions const& options)
{
    auto const colon = connection.find(':');
    std::string_view const scheme = connection.substr(0, colon);
    std::string_view const args = colon == std::string_view::npos ? std::string_view() : connection.substr(colon + 1);
    hal::FrameSize const size { options.width, options.height };
    if (scheme == "images") {
        if (args.empty())
            return fail(Errc::invalid_argument, "images camera: expected \"images:FOLDER\"");
        auto folder = (context.board.directory() / std::string(args)).lexically_normal();
        auto camera = KIOSK_TRY(drivers::ImageDirCamera::open(std::move(folder), size, options.fps));
        return std::unique_ptr<hal::Camera>(std::move(camera));
    }
    if (scheme == "v4l2") {
        if (args.empty())
            return fail(Errc::invalid_argument, "V4L2 camera: expected \"v4l2:/dev/videoN\"");
        auto camera = KIOSK_TRY(drivers::V4l2Camera::open(std::string(args), size, options.fps));
        return std::unique_ptr<hal::Camera>(std::move(camera));
    }
    return fail(Errc::invalid_argument, "camera scanner: expected \"camera:images:FOLDER\" or \"camera:v4l2:DEVICE\"");
}

// "images:FOLDER": frames from the PNG/JPEG files in FOLDER (relative to the board file).
Result<void> open_images_camera(DriverContext const& context, hal::Board& board)
{
    auto camera = KIOSK_TRY(open_camera_connection(context, context.role.connection, context.role.camera));
    board.attach(std::move(camera), entry_for(context, "images"));
    return {};
}

// "v4l2:DEVICE": a V4L2 capture device (/dev/video0, /dev/v4l/by-id/...).
Result<void> open_v4l2_camera(DriverContext const& context, hal::Board& board)
{
    auto camera = KIOSK_TRY(open_camera_connection(context, context.role.connection, context.role.camera));
    board.attach(std::move(camera), entry_for(context, "v4l2"));
    return {};
}

// "camera:CAMERA-CONNECTION" ("camera:images:FOLDER", "camera:v4l2:/dev/video0"): a camera of its own plus the ZXing
// decoder. The size and rate come from the board's [camera] table when it has one (a board
// then leaves the camera role to this scanner; a V4L2 device cannot be opened twice).
Result<void> open_camera_code_scanner(DriverContext const& context, hal::Board& board)
{
    auto const* camera_role = context.board.role(hal::Role::camera);
    CameraOptions const options = camera_role != nullptr ? camera_role->camera : CameraOptions {};
    auto camera = KIOSK_TRY(open_camera_connection(context, context.role.args, options));
    auto scanner = KIOSK_TRY(drivers::CameraCodeScanner::create(std::move(camera)));
    board.attach(std::unique_ptr<hal::CodeScanner>(std::move(scanner)), entry_for(context, "camera"));
    return {};
}

// "evdev:DEVICE": a keyboard-wedge scanner's input node (/dev/input/by-id/...-event-kbd), grabbed.
Result<void> open_evdev_code_scanner(DriverContext const& context, hal::Board& board)
{
    if (context.role.args.empty())
        return fail(Errc::invalid_argument, "keyboard-wedge scanner: expected \"evdev:DEVICE\"");
    auto device = (context.board.directory() / context.role.args).lexically_normal();
    auto scanner = KIOSK_TRY(drivers::EvdevCodeScanner::open(std::move(device)));
    board.attach(std::unique_ptr<hal::CodeScanner>(std::move(scanner)), entry_for(context, "evdev"));
    return {};
}

// "serial:DEVICE[@BAUD]": a scanner module sending one code per line; 9600 baud by default
// (CDC-ACM modules ignore the rate). A relative DEVICE is relative to the board file.
Result<void> open_serial_code_scanner(DriverContext const& context, hal::Board& board)
{
    std::string_view args = context.role.args;
    int baud = 9600;
    if (auto const at = args.rfind('@'); at != std::string_view::npos) {
        auto const rate = args.substr(at + 1);
        auto [end, error] = std::from_chars(rate.data(), rate.data() + rate.size(), baud);
        if (error != std::errc() || end != rate.data() + rate.size())
            return fail(Errc::invalid_argument, "serial scanner: expected \"serial:DEVICE@BAUD\"");
        args = args.substr(0, at);
    }
    if (args.empty())
        return fail(Errc::invalid_argument, "serial scanner: expected \"serial:DEVICE[@BAUD]\"");
    auto device = (context.board.directory() / std::string(args)).lexically_normal();
    auto scanner = KIOSK_TRY(drivers::SerialCodeScanner::open(std::move(device), baud));
    board.attach(std::unique_ptr<hal::CodeScanner>(std::move(scanner)), entry_for(context, "serial"));
    return {};
}

constexpr std::array DRIVERS {
    DriverInfo { hal::Role::card_reader, "sim", "sim", "", false, &open_sim_card_reader },
    DriverInfo { hal::Role::card_reader, "libnfc", "libnfc", "[CONNSTRING]", true, &open_libnfc_card_reader },
    DriverInfo { hal::Role::card_reader, "pn532_emul", "libnfc", "[CARD]", true, &open_emulated_card_reader },
    DriverInfo { hal::Role::code_scanner, "sim", "sim", "", false, &open_sim_code_scanner },
    DriverInfo { hal::Role::code_scanner, "serial", "serial", "DEVICE[@BAUD]", true, &open_serial_code_scanner },
    DriverInfo { hal::Role::code_scanner, "evdev", "evdev", "DEVICE", true, &open_evdev_code_scanner },
    DriverInfo { hal::Role::code_scanner, "camera", "camera", "images:FOLDER|v4l2:DEVICE", true, &open_camera_code_scanner },
    DriverInfo { hal::Role::camera, "sim", "sim", "", false, &open_sim_camera },
    DriverInfo { hal::Role::camera, "images", "images", "FOLDER", true, &open_images_camera },
    DriverInfo { hal::Role::camera, "v4l2", "v4l2", "DEVICE", true, &open_v4l2_camera },
    DriverInfo { hal::Role::printer, "sim", "sim", "[FOLDER]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "emul", "escpos", "[FOLDER]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "usb", "escpos", "[VID:PID]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "serial", "escpos", "PATH[:BAUD]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "tcp", "escpos", "HOST[:PORT]", true, &open_printer_driver },
    DriverInfo { hal::Role::printer, "file", "escpos", "PATH", true, &open_printer_driver },
    DriverInfo { hal::Role::boot_control, "sim", "sim", "", false, &open_sim_boot_control },
    DriverInfo { hal::Role::boot_control, "dir", "dir", "[FOLDER]", true, &open_dir_boot_control },
    DriverInfo { hal::Role::boot_control, "rauc", "rauc", "[RAUC][,conf=FILE][,class=CLASS][,state=FILE][,reboot=PROGRAM]", true, &open_rauc_boot_control },
    DriverInfo { hal::Role::speaker, "sim", "sim", "", false, &open_sim_speaker },
    DriverInfo { hal::Role::speaker, "sdl", "sdl", "[DEVICE]", true, &open_sdl_speaker },
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
