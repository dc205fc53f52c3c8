// SPDX-License-Identifier: MIT
#include "ui/app/ui_event.hpp"

namespace kiosk::ui {

void EventQueue::push(UiEvent event)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back(std::move(event));
    ++m_pushed;
    m_pushed_changed.notify_all();
}

bool EventQueue::wait_pushed_beyond(std::uint64_t count, std::chrono::milliseconds bound) const
{
    std::unique_lock lock(m_mutex);
    return m_pushed_changed.wait_for(lock, bound, [&] { return m_pushed > count; });
}

std::vector<UiEvent> EventQueue::drain()
{
    std::lock_guard lock(m_mutex);
    std::vector<UiEvent> out(std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
    m_events.clear();
    return out;
}

std::uint64_t EventQueue::pushed() const
{
    std::lock_guard lock(m_mutex);
    return m_pushed;
}

} // namespace kiosk::ui
