// SPDX-License-Identifier: MIT
#include "runtime/board_loader.hpp"

#include "runtime/board_file.hpp"
#include "runtime/driver_table.hpp"

#include <clock/system_clock.hpp>

#include <cstdlib>
#include <string>
#include <unistd.h>

namespace kiosk::runtime {

std::filesystem::path default_output_dir()
{
    // NOLINTBEGIN(concurrency-mt-unsafe): read once at start-up, before threads exist
    if (char const* out = std::getenv("KIOSK_OUT"); out != nullptr && *out != '\0')
        return out;
    char const* tmp = std::getenv("TMPDIR");
    // NOLINTEND(concurrency-mt-unsafe)
    std::filesystem::path base = (tmp != nullptr && *tmp != '\0') ? tmp : "/tmp";
    return base / ("kiosk-" + std::to_string(getuid()));
}

std::filesystem::path default_board_file() { return "boards/sim/board.toml"; }

Expected<void, BoardError> validate_drivers(BoardConfig const& config)
{
    for (auto const& role : config.roles) {
        std::string key = std::string(hal::role_name(role.role)) + ".connection";
        auto const* info = find_driver(role.role, role.scheme);
        if (info == nullptr) {
            std::string known = known_schemes(role.role);
            return Unexpected(BoardError { Errc::invalid_argument, config.file.string(), role.line, key,
                "unknown driver '" + role.scheme + "' for " + std::string(hal::role_name(role.role))
                    + "; known drivers: " + (known.empty() ? "none in this build" : known) });
        }
        if (!info->takes_args && !role.args.empty())
            return Unexpected(BoardError { Errc::invalid_argument, config.file.string(), role.line, key,
                "driver '" + role.scheme + "' takes no arguments; expected \"" + role.scheme + ":\"" });
    }
    return {};
}

Expected<LoadedBoard, BoardError> build_board(BoardConfig const& config, LoadOptions options)
{
    KIOSK_TRY(validate_drivers(config));
    if (options.output_dir.empty())
        options.output_dir = default_output_dir();
    if (!options.clock)
        options.clock = std::make_unique<drivers::SystemClock>();

    LoadedBoard loaded;
    loaded.board = std::make_unique<hal::Board>(config.name, config.display, config.services, std::move(options.clock));
    for (auto const& role : config.roles) {
        auto const* info = find_driver(role.role, role.scheme);
        DriverContext context { config, role, options.output_dir };
        if (auto opened = info->open(context, *loaded.board); !opened) {
            loaded.faults.push_back(DeviceFault {
                hal::DeviceEntry { role.role, std::string(info->driver), role.connection }, opened.error() });
        }
    }
    return loaded;
}

Expected<LoadedBoard, BoardError> load_board(std::filesystem::path const& file, LoadOptions options)
{
    auto config = KIOSK_TRY(parse_board_file(file));
    return build_board(config, std::move(options));
}

} // namespace kiosk::runtime
