// SPDX-License-Identifier: MIT
#pragma once

// Logging for every kiosk program. Programs log through spdlog's own API, no wrappers:
//
//     kiosk::log::init({ .program = "kiosk-app" });          // once, first thing in main()
//     spdlog::info("printer ready, {} bytes queued", queued);
//     spdlog::warn("card read for {}", kiosk::log::personal(card.id_number)); // "[personal]"
//
// Personal data (names, ID and document numbers, birth dates, card contents, QR payloads
// of ID cards) must never reach a log:
// - mark it with personal() (personal.hpp) in every log call; it prints "[personal]";
// - as a second line of defence, the logger init() installs masks whatever still looks
//   like an ID number, document number, MRZ or ID card QR payload (redact.hpp).
// Format strings are literals, checked at compile time by fmt. Should a runtime format
// string (fmt::runtime) be wrong, spdlog catches the error and prints it instead of the
// message; nothing is thrown to the caller.
//
// Output goes to stderr. Under systemd, stderr is the journal (JOURNAL_STREAM): lines then
// carry no time, program or pid (journald adds them) but a "<N>" syslog priority prefix,
// so `journalctl -p warning` works.

#include <log/personal.hpp>
#include <log/redact.hpp>
#include <log/redacting_sink.hpp>

#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::log {

/// Environment variable that overrides the configured level: trace, debug, info, warn,
/// error, critical or off.
inline constexpr char const* LEVEL_ENV = "KIOSK_LOG_LEVEL";

/// How lines are decorated for where they end up.
enum class Destination {
    terminal, ///< "2025-07-01 09:30:00.123 kiosk-app[812] info: text", level coloured on a tty
    journal, ///< "<6>info: text": journald adds time, program and pid, and reads the priority
};

/// What init() and make_logger() need to know about the program.
struct Options {
    std::string program; ///< shown on terminal lines and used as the logger's name; empty: "kiosk"
    spdlog::level::level_enum level = spdlog::level::info; ///< lowest level written, unless LEVEL_ENV says otherwise
};

/// Installs spdlog's default logger: writes to stderr through a RedactingSink, decorated
/// for stderr_destination(), at the level of LEVEL_ENV if it is set and valid, otherwise
/// @p options.level (an invalid LEVEL_ENV is reported as a warning). Call once from main()
/// before starting threads; a later call replaces the logger.
void init(Options const& options);

/// Builds (but does not install) the logger init() would, writing to @p output instead of
/// stderr: for tests, and for programs that want a second logger. @p output is wrapped in
/// a RedactingSink and gets the pattern for @p destination.
[[nodiscard]] std::shared_ptr<spdlog::logger> make_logger(
    Options const& options, spdlog::sink_ptr output, Destination destination);

/// Destination::journal if stderr is connected to the journal: JOURNAL_STREAM is set and
/// names the device and inode stderr is open on (a child whose stderr was redirected may
/// inherit the variable, hence the check); otherwise Destination::terminal.
[[nodiscard]] Destination stderr_destination();

/// Level named @p name (trace, debug, info, warn or warning, error or err, critical, off;
/// any case), or std::nullopt if it names none.
[[nodiscard]] std::optional<spdlog::level::level_enum> parse_level(std::string_view name);

/// @p configured, unless LEVEL_ENV is set to a valid level name, which wins.
[[nodiscard]] spdlog::level::level_enum effective_level(spdlog::level::level_enum configured);

} // namespace kiosk::log
