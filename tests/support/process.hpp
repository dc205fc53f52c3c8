// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace kiosk::test {

/// What a finished child process left behind.
struct ProcessResult {
    int exit_code = -1; ///< exit status, or 128 + signal number if it was killed
    std::string out;
    std::string err;
};

/// Runs @p argv (argv[0] is a path, not looked up in PATH) with stdin closed, collecting
/// stdout and stderr, and waits for it to exit. Extra environment entries ("K=V") are added
/// to the current environment. Aborts the test run if the process cannot be started.
ProcessResult run_process(std::vector<std::string> const& argv, std::vector<std::string> const& extra_env = {});

/// Path of a program built into the build tree's bin/ folder.
std::string program_path(std::string const& name);

/// Path of a file in the source tree.
std::string source_path(std::string const& relative);

} // namespace kiosk::test
