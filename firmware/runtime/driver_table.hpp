// SPDX-License-Identifier: MIT
#pragma once

#include "runtime/board_config.hpp"

#include <kiosk/hal/board.hpp>
#include <kiosk/hal/result.hpp>
#include <kiosk/hal/role.hpp>

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace kiosk::runtime {

/// What a driver needs besides its role table.
struct DriverContext {
    BoardConfig const& board;
    RoleConfig const& role;
    /// Where simulated devices put what they produce (the sim printer's receipts).
    std::filesystem::path const& output_dir;
};

/// Opens the device described by the context and attaches it to the board.
using OpenDriver = Result<void> (*)(DriverContext const& context, hal::Board& board);

/// One row of the driver table: the connection scheme that selects it for a role.
struct DriverInfo {
    hal::Role role;
    /// The part of `connection` before ':' ("sim", later "libnfc", "usb", ...).
    std::string_view scheme;
    /// The driver's name as the bench CLI reports it ("sim", later "escpos" for every printer transport).
    std::string_view driver;
    /// What may follow the ':' ("" = nothing; otherwise a short syntax like "[FOLDER]").
    std::string_view args_syntax;
    /// Whether the args part may be non-empty.
    bool takes_args;
    OpenDriver open;
};

/// The explicit list of every driver this build has. Optional drivers are chosen with #if
/// here and only here.
std::span<DriverInfo const> driver_table() noexcept;

/// The driver for @p role selected by @p scheme, or null.
DriverInfo const* find_driver(hal::Role role, std::string_view scheme) noexcept;

/// "sim, libnfc": the schemes known for @p role, for error messages.
std::string known_schemes(hal::Role role);

} // namespace kiosk::runtime
