// SPDX-License-Identifier: MIT
#pragma once

// The scenario format of shared/CLI.md: one step per line, `#` comments, double-quoted
// arguments (with \" and \\ inside):
//   tap "Label" | tap X Y | type "text" | scan "payload" | card PERSONA | remove-card |
//   wait-for "text" [SECONDS] | idle SECONDS | screenshot NAME | language vi|en
// and, beyond shared/CLI.md: drag X1 Y1 X2 Y2 (a finger moved from one point to the other)
// and printer paper-out|cover-open [AFTER_BYTES] / printer paper-in|cover-close (the sim
// printer's sensors; text holds the action)

#include <kiosk/hal/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

/// One parsed scenario line.
struct ScenarioStep {
    enum class Kind {
        tap_label,
        tap_point,
        type,
        scan,
        card,
        remove_card,
        wait_for,
        idle,
        screenshot,
        language,
        drag,
        printer,
    };
    Kind kind = Kind::tap_label;
    std::string text; ///< label, text, payload, persona, screenshot name or language code
    int x = 0;
    int y = 0;
    int x2 = 0; ///< drag: where the finger is lifted
    int y2 = 0;
    double seconds = 0.0; ///< wait-for bound (default 5) or idle time
    int line = 0; ///< 1-based line in the file
    /// printer: the fault fires after this many more bytes reach the printer (-1: at once).
    long after_bytes = -1;
};

/// Where and why a scenario file does not parse.
struct ScenarioError {
    int line = 0;
    std::string message;
};

/// Default bound of `wait-for`, seconds of fake time.
inline constexpr double DEFAULT_WAIT_SECONDS = 5.0;

/// Parses a whole scenario. Pure.
/// @return the steps, or the first malformed line (unknown step, wrong arguments, unclosed
///         quote, bad number, screenshot name with a path in it).
Expected<std::vector<ScenarioStep>, ScenarioError> parse_scenario(std::string_view text);

} // namespace kiosk::ui
