// SPDX-License-Identifier: MIT
#pragma once

#include <ui/app/ui_event.hpp>
#include <ui/scenario/scenario_runner.hpp>

#include <kiosk/hal/board.hpp>

#include <memory>

namespace kiosk::drivers {
class ManualClock;
}

namespace kiosk::apps {

class CardPacer;

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
    /// Puts test citizen @p persona's card (tests/tools make_test_card("persona:NAME")) on the
    /// sim board's emulated PN532 and waits (5 s real time at most) until the kiosk's reader has
    /// selected it. The card answers each protected READ BINARY only after fake time has moved
    /// (or after 1.2 s real time), so a read advances with the scenario's `wait-for` steps and
    /// `remove-card` right after `card` always lands mid-read.
    Expected<void, std::string> place_card(std::string_view persona) override;
    /// Lifts the card off the emulated PN532 (a read in progress sees the card leave).
    Expected<void, std::string> remove_card() override;
    /// The sim board's ESC/POS emulator (`emul:`): its paper and cover sensors, or a fault armed
    /// to fire mid-receipt (EscPosPrinterEmul::inject_fault).
    Expected<void, std::string> printer_sensor(std::string_view action, long after_bytes) override;

private:
    hal::Board& m_board;
    drivers::ManualClock& m_clock;
    ui::EventQueue& m_events;
    std::shared_ptr<CardPacer> m_pacer; ///< made by the first `card` step
};

} // namespace kiosk::apps
