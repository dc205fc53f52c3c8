// SPDX-License-Identifier: MIT
#include "ui/app/task_runner.hpp"

#include <utility>

namespace kiosk::ui {

void TaskProgress::post(UiAction action) const
{
    if (!cancelled())
        m_runner.m_queue.push(TaskEvent { m_session, std::move(action) });
}

bool TaskProgress::cancelled() const noexcept { return m_runner.m_generation.load() != m_generation; }

TaskRunner::TaskRunner(EventQueue& queue)
    : m_queue(queue)
    , m_thread([this] { work(); })
{
}

TaskRunner::~TaskRunner()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_tasks.clear();
    }
    ++m_generation;
    m_changed.notify_all();
    m_thread.join();
}

void TaskRunner::run(std::uint64_t session, Task task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(Queued { session, m_generation.load(), std::move(task) });
    }
    m_changed.notify_all();
}

void TaskRunner::cancel_all()
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.clear();
        ++m_generation;
    }
    m_changed.notify_all();
}

bool TaskRunner::busy() const
{
    std::lock_guard lock(m_mutex);
    return m_running || !m_tasks.empty();
}

bool TaskRunner::wait_idle(std::chrono::milliseconds bound) const
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, bound, [this] { return !m_running && m_tasks.empty(); });
}

void TaskRunner::work()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [this] { return m_stop || !m_tasks.empty(); });
        if (m_stop)
            return;
        Queued next = std::move(m_tasks.front());
        m_tasks.pop_front();
        m_running = true;
        lock.unlock();
        TaskProgress const progress(*this, next.session, next.generation);
        UiAction result = next.task(progress);
        if (result)
            progress.post(std::move(result));
        lock.lock();
        m_running = false;
        m_changed.notify_all();
    }
}

} // namespace kiosk::ui
