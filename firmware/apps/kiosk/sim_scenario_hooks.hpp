// SPDX-License-Identifier: MIT
#pragma once

#include <ui/app/ui_event.hpp>
#include <ui/scenario/scenario_runner.hpp>

#include <kiosk/hal/board.hpp>

namespace kiosk::drivers {
class ManualClock;
}

namespace kiosk::apps {

/// The scenario runner's reach into the sim board: fake time through the board's
/// ManualClock, scanned codes shown to the sim code scanner (so they travel the real path:
/// scanner -> worker thread -> UI queue). The kiosk program is the composition root, so it
/// alone may know the sim drivers' hooks; the UI sees only ScenarioHooks.
class SimScenarioHooks final : public ui::ScenarioHooks {
public:
    SimScenarioHooks(hal::Board& board, drivers::ManualClock& clock, ui::EventQueue& events) noexcept
        : m_board(board)
        , m_clock(clock)
        , m_events(events)
    {
    }

    void advance(std::chrono::milliseconds step) override;
    /// To the SimCodeScanner when the board has one; a board with another scanner (or none)
    /// gets the text straight into the UI's queue, as a keyboard-wedge scanner would type it.
    Expected<void, std::string> present_code(std::string text) override;
    /// Not available yet: reading chip ID cards comes with issue 6's UI flow.
    Expected<void, std::string> place_card(std::string_view persona) override;
    Expected<void, std::string> remove_card() override;

private:
    hal::Board& m_board;
    drivers::ManualClock& m_clock;
    ui::EventQueue& m_events;
};

} // namespace kiosk::apps
