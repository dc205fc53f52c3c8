// SPDX-License-Identifier: MIT
#pragma once

#include "runtime/board_config.hpp"
#include "runtime/board_error.hpp"

#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <string_view>

namespace kiosk::runtime {

/// Reads and parses a board file (board.toml). Checks its shape, types and ranges; does
/// not look at driver names (see validate_drivers()). Does not block beyond reading the file.
/// @return the config, or where and why the file is broken.
Expected<BoardConfig, BoardError> parse_board_file(std::filesystem::path const& file);

/// Parses board-file text as if read from @p file (used for relative paths and messages).
Expected<BoardConfig, BoardError> parse_board_text(std::string_view text, std::filesystem::path const& file);

} // namespace kiosk::runtime
