// SPDX-License-Identifier: MIT
#include "scanner/sim_code_scanner.hpp"

#include "common/bounded_timeout.hpp"

#include <algorithm>
#include <utility>

namespace kiosk::drivers {

std::unique_ptr<SimCodeScanner> SimCodeScanner::create()
{
    // The constructor is private, so make_unique cannot reach it.
    return std::unique_ptr<SimCodeScanner>(new SimCodeScanner());
}

SimCodeScanner::~SimCodeScanner() = default;

Result<std::string> SimCodeScanner::self_test() { return std::string("simulated scanner ready"); }

Result<std::optional<hal::ScannedCode>> SimCodeScanner::next_code(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    std::uint64_t const cancel_at_start = m_cancel_count;
    bool const woke = m_changed.wait_for(
        lock, bounded_timeout(timeout), [&] { return !m_queue.empty() || m_cancel_count != cancel_at_start; });
    if (m_cancel_count != cancel_at_start)
        return fail(Errc::cancelled, "waiting for a code");
    if (!woke)
        return std::optional<hal::ScannedCode>();
    hal::ScannedCode code = std::move(m_queue.front());
    m_queue.pop_front();
    return std::optional<hal::ScannedCode>(std::move(code));
}

void SimCodeScanner::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_cancel_count;
    }
    m_changed.notify_all();
}

void SimCodeScanner::present(std::string text, hal::CodeFormat format)
{
    {
        std::lock_guard lock(m_mutex);
        // Like a scanner's small buffer: a reader that stopped asking loses the oldest codes,
        // never memory without bound.
        while (m_queue.size() >= QUEUE_LIMIT)
            m_queue.pop_front();
        m_queue.push_back(hal::ScannedCode { std::move(text), format, std::chrono::steady_clock::now() });
    }
    m_changed.notify_all();
}

} // namespace kiosk::drivers
