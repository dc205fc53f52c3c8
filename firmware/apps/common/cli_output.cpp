// SPDX-License-Identifier: MIT
#include "cli_output.hpp"

#include <cstdio>
#include <iostream>
#include <string>

namespace kiosk::cli {

namespace {

std::string& program_name()
{
    static std::string name = "kiosk";
    return name;
}

} // namespace

void Output::set_program(std::string_view name) { program_name() = std::string(name); }

Exit Output::exit_for(Errc code) noexcept { return code == Errc::invalid_argument ? Exit::usage : Exit::failed; }

nlohmann::json Output::error_json(Errc code, std::string_view message)
{
    return nlohmann::json { { "code", std::string(errc_name(code)) }, { "message", std::string(message) } };
}

Exit Output::result(bool ok, nlohmann::json body, std::string_view human) const
{
    if (m_format == Format::json) {
        nlohmann::json out = nlohmann::json::object();
        out["ok"] = ok;
        for (auto& [key, value] : body.items())
            out[key] = std::move(value);
        // Replace invalid UTF-8 rather than throw: device text is not trusted.
        std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        std::cout << human;
        if (!human.empty() && human.back() != '\n')
            std::cout << '\n';
    }
    std::cout.flush();
    return ok ? Exit::success : Exit::failed;
}

Exit Output::error(Errc code, std::string_view message, Exit exit) const
{
    if (m_format == Format::json) {
        nlohmann::json out { { "ok", false }, { "error", error_json(code, message) } };
        std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        std::cout.flush();
    }
    std::cerr << program_name() << ": " << message << '\n';
    return exit;
}

bool wants_json(int argc, char const* const* argv) noexcept
{
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--")
            return false;
        if (arg == "--json")
            return true;
    }
    return false;
}

} // namespace kiosk::cli
