// SPDX-License-Identifier: MIT
#pragma once

#include "runtime/board_config.hpp"
#include "runtime/board_error.hpp"

#include <kiosk/hal/board.hpp>
#include <kiosk/hal/clock.hpp>
#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <memory>
#include <vector>

namespace kiosk::runtime {

/// A role whose driver is right in the board file but whose device could not be opened
/// (unplugged, no permission). The role stays empty on the board.
struct DeviceFault {
    hal::DeviceEntry entry;
    Error error { Errc::internal, "" };
};

/// A board built from a file, and the devices that could not be opened.
struct LoadedBoard {
    std::unique_ptr<hal::Board> board;
    std::vector<DeviceFault> faults;
};

/// How to build the board.
struct LoadOptions {
    /// Where simulated devices write (receipts of the sim printer); default_output_dir() if empty.
    std::filesystem::path output_dir;
    /// The board's clock; a SystemClock if null.
    std::unique_ptr<hal::Clock> clock;
};

/// `$KIOSK_OUT` if set, else `$TMPDIR/kiosk-<uid>` (TMPDIR defaults to /tmp).
std::filesystem::path default_output_dir();

/// The file's default path when --board is not given: boards/sim/board.toml.
std::filesystem::path default_board_file();

/// Checks every role's scheme against the driver table and its arguments.
/// @return where the file names an unknown driver (listing the known ones) or bad arguments.
Expected<void, BoardError> validate_drivers(BoardConfig const& config);

/// Parses, validates and builds: a broken file loads nothing (BoardError). Then opens every
/// role's device; a device that cannot be opened is reported in LoadedBoard::faults and its
/// role stays empty, so a kiosk with an unplugged printer still serves lookups.
Expected<LoadedBoard, BoardError> load_board(std::filesystem::path const& file, LoadOptions options = {});

/// As load_board() for an already parsed config.
Expected<LoadedBoard, BoardError> build_board(BoardConfig const& config, LoadOptions options = {});

} // namespace kiosk::runtime
