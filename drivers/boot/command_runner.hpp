// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace kiosk::drivers {

/// What a finished command left behind.
struct CommandResult {
    int exit_code = -1; ///< exit status, or 128 + signal number if it was killed
    std::string out;    ///< stdout, cut at the output bound
    std::string err;    ///< stderr, cut at the output bound
};

/// Runs @p argv (argv[0] is a path; no shell, no PATH lookup) with stdin from /dev/null,
/// collecting stdout and stderr (each up to @p max_output bytes; more is read and dropped), and
/// waits for it to exit. Blocks the calling thread for at most @p timeout, after which the
/// command is killed (SIGKILL) and reaped. The environment is inherited.
/// @return Errc::not_found if argv[0] does not exist or is not executable, Errc::timeout when
///         it was killed for taking too long, Errc::io if it could not be started. A command
///         that runs and fails is not an error here: see exit_code.
Result<CommandResult> run_command(
    std::vector<std::string> const& argv, std::chrono::milliseconds timeout, std::size_t max_output = 1 << 20);

} // namespace kiosk::drivers
