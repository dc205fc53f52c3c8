// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/error.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace kiosk::cli {

/// Exit codes of every program (shared/CLI.md).
enum class Exit : int {
    success = 0,
    failed = 1, ///< the operation failed (device fault, card refused, not found)
    usage = 2,  ///< usage or input error (bad arguments, malformed file)
};

/// Whether output is one JSON object on stdout or human text.
enum class Format {
    human,
    json,
};

/// Writes results the way shared/CLI.md says: with Format::json exactly one JSON object on
/// stdout (also on failure); human text on stdout; reasons for failure on stderr.
class Output {
public:
    explicit Output(Format format)
        : m_format(format)
    {
    }

    [[nodiscard]] Format format() const noexcept { return m_format; }

    /// Prints @p body (with "ok" set to @p ok) or @p human, and returns the exit code:
    /// success when ok, else failed.
    Exit result(bool ok, nlohmann::json body, std::string_view human) const;

    /// Prints a failure: {"ok": false, "error": {"code": ..., "message": ...}} with JSON,
    /// "kiosk-bench: message" on stderr otherwise. Returns @p exit.
    Exit error(Errc code, std::string_view message, Exit exit) const;

    /// The JSON form of an error: {"code": "timeout", "message": "..."}.
    static nlohmann::json error_json(Errc code, std::string_view message);

    /// The exit code for an error kind: usage for invalid_argument, else failed.
    static Exit exit_for(Errc code) noexcept;

    /// Sets the program name used in human error lines.
    static void set_program(std::string_view name);

private:
    Format m_format;
};

/// Whether @p argv contains "--json" before a "--" separator (so that even a usage error,
/// found before options are parsed, is reported as JSON).
bool wants_json(int argc, char const* const* argv) noexcept;

} // namespace kiosk::cli
