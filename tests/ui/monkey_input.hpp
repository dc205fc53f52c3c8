// SPDX-License-Identifier: MIT
#pragma once

// The monkey: random input as a careless hand gives it (taps, drags, waits, scans), from a
// seed, so a failing run can be replayed (KIOSK_MONKEY_SEED, KIOSK_MONKEY_TAPS).
#include "ui_harness.hpp"

#include <random>

namespace kiosk::ui::test {

/// $@p name as a number, or @p fallback when it is not set.
long env_number(char const* name, long fallback);

class MonkeyInput {
public:
    MonkeyInput(UiHarness& h, unsigned seed);
    /// One random action, then the harness settles: 80 % taps, 10 % drags, 5 % waits of up to
    /// 45 s, 5 % scans (a dossier code or an unknown text).
    void step();

private:
    UiHarness& m_h;
    std::mt19937 m_random;
    std::uniform_int_distribution<int> m_x;
    std::uniform_int_distribution<int> m_y;
    std::uniform_int_distribution<int> m_action { 0, 99 };
};

} // namespace kiosk::ui::test
