// SPDX-License-Identifier: MIT
#include "cli_main.hpp"

#include <exception>
#include <iostream>
#include <string>

namespace kiosk::cli {

std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv, Output const& early, std::string_view program)
{
    try {
        app.parse(argc, argv);
    } catch (CLI::CallForHelp const& help) {
        return app.exit(help);
    } catch (CLI::CallForAllHelp const& help) {
        return app.exit(help);
    } catch (CLI::ParseError const& failure) {
        return static_cast<int>(early.error(Errc::invalid_argument,
            std::string(failure.what()) + " (see " + std::string(program) + " --help)", Exit::usage));
    }
    return std::nullopt;
}

int guarded_main(std::string_view program, int (*run)(int, char**), int argc, char** argv)
{
    try {
        return run(argc, argv);
    } catch (std::exception const& failure) {
        std::cerr << program << ": internal error: " << failure.what() << '\n';
        return static_cast<int>(Exit::failed);
    }
}

} // namespace kiosk::cli
