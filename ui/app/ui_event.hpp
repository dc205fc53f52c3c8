// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::ui {

class ScreenHost;

/// Something to do on the UI thread with the screens (a background task's result or progress).
using UiAction = std::function<void(ScreenHost&)>;

/// A code came from the scanner (text may be personal data: never logged).
struct ScanEvent {
    std::string text;
};

/// The scanner failed for good (unplugged): the UI stops offering "scan".
struct ScannerLostEvent { };

/// A background task (TaskRunner) finished or reports progress: @c apply runs on the UI thread,
/// unless the session it was started for has been wiped since (then it is dropped unrun).
struct TaskEvent {
    std::uint64_t session = 0;
    UiAction apply;
};

/// A device worker's news for whoever is at the kiosk (the printer ran out of paper, a receipt
/// came out): @c apply runs on the UI thread whatever the session; it checks for itself whether
/// the news still concerns the session on screen.
struct NoticeEvent {
    UiAction apply;
};

/// What worker threads tell the UI thread.
using UiEvent = std::variant<ScanEvent, ScannerLostEvent, TaskEvent, NoticeEvent>;

/// Thread-safe queue from worker threads to the UI thread. Workers push(); the UI thread
/// drains at each tick and never blocks on it.
class EventQueue {
public:
    void push(UiEvent event);
    /// Everything queued, oldest first.
    std::vector<UiEvent> drain();
    /// Number of events ever pushed (scenario steps wait for it to move).
    [[nodiscard]] std::uint64_t pushed() const;
    /// Waits up to @p bound for pushed() to exceed @p count. @return whether it did.
    [[nodiscard]] bool wait_pushed_beyond(std::uint64_t count, std::chrono::milliseconds bound) const;

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_pushed_changed;
    std::deque<UiEvent> m_events;
    std::uint64_t m_pushed = 0;
};

} // namespace kiosk::ui
