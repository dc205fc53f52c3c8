// SPDX-License-Identifier: MIT
#pragma once

#include "ui/app/kiosk_ui.hpp"
#include "ui/scenario/scenario.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

/// How a scenario reaches what the UI cannot: fake time and the sim board's devices.
/// Implemented by the kiosk program (which owns the board and its ManualClock).
class ScenarioHooks {
public:
    virtual ~ScenarioHooks() = default;
    ScenarioHooks() = default;
    ScenarioHooks(ScenarioHooks const&) = delete;
    ScenarioHooks& operator=(ScenarioHooks const&) = delete;
    ScenarioHooks(ScenarioHooks&&) = delete;
    ScenarioHooks& operator=(ScenarioHooks&&) = delete;

    /// Moves fake time forward.
    virtual void advance(std::chrono::milliseconds step) = 0;
    /// Shows @p text to the board's code scanner. @return a message when it cannot.
    virtual Expected<void, std::string> present_code(std::string text) = 0;
    /// Puts test citizen @p persona's card on the reader. @return a message when it cannot.
    virtual Expected<void, std::string> place_card(std::string_view persona) = 0;
    /// Lifts the card. @return a message when it cannot.
    virtual Expected<void, std::string> remove_card() = 0;
    /// Changes the printer's sensors: @p action is paper-out, paper-in, cover-open or
    /// cover-close; paper-out / cover-open happen after @p after_bytes more bytes reach the
    /// printer (mid-receipt), or at once when it is negative. @return a message when it cannot.
    virtual Expected<void, std::string> printer_sensor(std::string_view action, long after_bytes)
    {
        (void)after_bytes;
        return Unexpected("printer " + std::string(action) + ": not available in this build");
    }
};

/// Why a step failed.
struct StepFailure {
    int line = 0;
    std::string message;
};

/// Runs scenario steps against a KioskUi, headless: each step acts, then the UI ticks and
/// draws. `wait-for` and `idle` advance fake time through the hooks; `scan` waits (a bounded
/// real-time wait on a condition) until the UI has handled the scanned code.
class ScenarioRunner {
public:
    /// Real-time bound for a scanned code to travel scanner -> worker -> UI.
    static constexpr std::chrono::seconds SCAN_BOUND { 5 };

    ScenarioRunner(KioskUi& ui, Canvas& canvas, ScenarioHooks& hooks, std::filesystem::path out_dir);

    /// Runs every step in order; stops at the first failure.
    Expected<void, StepFailure> run(std::vector<ScenarioStep> const& steps);
    /// Runs one step. @return why it failed.
    Expected<void, std::string> run_step(ScenarioStep const& step);

private:
    Expected<void, std::string> tap_label(std::string const& label);
    Expected<void, std::string> scan(std::string const& text);
    Expected<void, std::string> wait_for(std::string const& text, double seconds);
    void idle(double seconds);
    void settle();
    [[nodiscard]] std::string describe_screen() const;

    KioskUi& m_ui;
    Canvas& m_canvas;
    ScenarioHooks& m_hooks;
    std::filesystem::path m_out;
};

} // namespace kiosk::ui
