// SPDX-License-Identifier: MIT
#pragma once

#include "ui/app/ui_event.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk::ui {

class TaskRunner;

/// What a running task may do: post progress to the UI thread, and see whether it should stop
/// (the session it runs for was wiped, or the kiosk is stopping).
class TaskProgress {
public:
    /// Runs @p action on the UI thread at its next tick (dropped if the session was wiped).
    void post(UiAction action) const;
    /// True once the task should give up: its session ended or the runner is stopping.
    [[nodiscard]] bool cancelled() const noexcept;

private:
    friend class TaskRunner;
    TaskProgress(TaskRunner& runner, std::uint64_t session, std::uint64_t generation) noexcept
        : m_runner(runner)
        , m_session(session)
        , m_generation(generation)
    {
    }
    TaskRunner& m_runner;
    std::uint64_t m_session;
    std::uint64_t m_generation;
};

/// Work off the UI thread: a network lookup, a chip read, a print job. Runs on the runner's
/// thread; whatever it returns runs on the UI thread. It must not touch the Session or any
/// screen: capture copies of its inputs.
using Task = std::function<UiAction(TaskProgress const&)>;

/// One worker thread running tasks in order, each posting its result to the UI's EventQueue
/// as a TaskEvent. The UI never blocks on a task; scenario runs wait (bounded) for idle().
class TaskRunner {
public:
    explicit TaskRunner(EventQueue& queue);
    ~TaskRunner();
    TaskRunner(TaskRunner const&) = delete;
    TaskRunner& operator=(TaskRunner const&) = delete;
    TaskRunner(TaskRunner&&) = delete;
    TaskRunner& operator=(TaskRunner&&) = delete;

    /// Queues @p task for the session with serial @p session.
    void run(std::uint64_t session, Task task);
    /// Drops the queued tasks; the running one sees cancelled() and its results are dropped by
    /// the UI (their session is gone). Called when a session is wiped.
    void cancel_all();
    /// Whether a task is queued or running.
    [[nodiscard]] bool busy() const;
    /// Waits up to @p bound until no task is queued or running. @return whether that happened.
    [[nodiscard]] bool wait_idle(std::chrono::milliseconds bound) const;

private:
    friend class TaskProgress;
    struct Queued {
        std::uint64_t session = 0;
        std::uint64_t generation = 0;
        Task task;
    };
    void work();

    EventQueue& m_queue;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::deque<Queued> m_tasks;
    bool m_running = false;
    bool m_stop = false;
    std::atomic<std::uint64_t> m_generation { 0 };
    std::thread m_thread;
};

} // namespace kiosk::ui
