// SPDX-License-Identifier: MIT
#include "sim_scenario_hooks.hpp"

#include <clock/manual_clock.hpp>
#include <scanner/sim_code_scanner.hpp>

namespace kiosk::apps {

void SimScenarioHooks::advance(std::chrono::milliseconds step) { m_clock.advance(step); }

Expected<void, std::string> SimScenarioHooks::present_code(std::string text)
{
    if (auto* sim = dynamic_cast<drivers::SimCodeScanner*>(m_board.code_scanner())) {
        sim->present(std::move(text));
        return {};
    }
    m_events.push(ui::ScanEvent { std::move(text) });
    return {};
}

Expected<void, std::string> SimScenarioHooks::place_card(std::string_view)
{
    return Unexpected(std::string(
        "card: not available in this build (the chip ID reading flow is not wired into the kiosk UI yet)"));
}

Expected<void, std::string> SimScenarioHooks::remove_card()
{
    return Unexpected(std::string(
        "remove-card: not available in this build (the chip ID reading flow is not wired into the kiosk UI yet)"));
}

} // namespace kiosk::apps
