// SPDX-License-Identifier: MIT
#include "monkey_input.hpp"

#include <chrono>
#include <cstdlib>

namespace kiosk::ui::test {

long env_number(char const* name, long fallback)
{
    char const* value = std::getenv(name); // NOLINT(concurrency-mt-unsafe): read before threads start
    return value == nullptr ? fallback : std::strtol(value, nullptr, 10);
}

MonkeyInput::MonkeyInput(UiHarness& h, unsigned seed)
    : m_h(h)
    , m_random(seed)
    , m_x(0, h.canvas().width() - 1)
    , m_y(0, h.canvas().height() - 1)
{
}

void MonkeyInput::step()
{
    int const a = m_action(m_random);
    if (a < 80) {
        m_h.ui().tap({ m_x(m_random), m_y(m_random) });
    } else if (a < 90) {
        // A drag (scrolling lists, or a finger sliding off a button).
        Point const from { m_x(m_random), m_y(m_random) };
        m_h.ui().pointer_down(from);
        for (int i = 1; i <= 5; ++i) {
            m_h.clock().advance(std::chrono::milliseconds(16));
            m_h.ui().pointer_move({ from.x, from.y - 30 * i });
        }
        m_h.ui().pointer_up({ from.x, from.y - 150 });
    } else if (a < 95) {
        m_h.advance(std::uniform_int_distribution<long>(100, 45'000)(m_random));
    } else {
        m_h.scan(a % 2 == 0 ? "000.00.15.H56-250701-0001" : "not a code we know");
    }
    m_h.settle();
}

} // namespace kiosk::ui::test
