// SPDX-License-Identifier: MIT
#include "ui/app/task_runner.hpp"
#include "ui/screens/screen.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <variant>

#include <CppUTest/TestHarness.h>

using kiosk::ui::EventQueue;
using kiosk::ui::ScreenHost;
using kiosk::ui::TaskEvent;
using kiosk::ui::TaskProgress;
using kiosk::ui::TaskRunner;
using kiosk::ui::UiAction;

namespace {

constexpr std::chrono::milliseconds BOUND { 5000 };

/// The actions here touch only the test's own variables; the host is there to be passed.
class NullHost final : public ScreenHost {
public:
    [[nodiscard]] kiosk::ui::StringCatalog const& strings() const override { return m_strings; }
    [[nodiscard]] kiosk::ui::Metrics const& metrics() const override { return m_metrics; }
    [[nodiscard]] kiosk::ui::Fonts& fonts() override { std::abort(); }
    [[nodiscard]] kiosk::ui::Session& session() override { return m_session; }
    [[nodiscard]] kiosk::ui::Services const& services() const override { return m_services; }
    void navigate(kiosk::ui::NavRequest /*request*/) override { }
    void settings_changed() override { }
    void toast(std::string /*text*/) override { }
    void run_task(kiosk::ui::Task /*task*/) override { }

private:
    kiosk::ui::StringCatalog m_strings;
    kiosk::ui::Metrics m_metrics;
    kiosk::ui::Session m_session;
    kiosk::ui::Services m_services;
};

/// Runs every TaskEvent's action (they ignore the host here) and counts them per session.
int apply_all(EventQueue& queue, std::uint64_t session)
{
    NullHost host;
    int applied = 0;
    for (auto& event : queue.drain()) {
        auto* task = std::get_if<TaskEvent>(&event);
        if (task != nullptr && task->session == session && task->apply) {
            task->apply(host);
            ++applied;
        }
    }
    return applied;
}

} // namespace

TEST_GROUP(TaskRunner) {};

TEST(TaskRunner, ResultRunsOnTheCallersThreadAfterTheWorkRanOnAnother)
{
    EventQueue queue;
    TaskRunner runner(queue);
    std::thread::id worker_thread;
    std::string result;
    runner.run(7, [&worker_thread, &result](TaskProgress const&) -> UiAction {
        worker_thread = std::this_thread::get_id();
        std::string answer = "found";
        return [answer, &result](ScreenHost&) { result = answer; };
    });
    CHECK_TRUE(runner.wait_idle(BOUND));
    CHECK_FALSE(runner.busy());
    CHECK_TRUE(worker_thread != std::this_thread::get_id());
    STRCMP_EQUAL("", result.c_str()); // nothing runs until the UI thread drains the queue
    LONGS_EQUAL(1, apply_all(queue, 7));
    STRCMP_EQUAL("found", result.c_str());
}

TEST(TaskRunner, ProgressIsPostedInOrderBeforeTheResult)
{
    EventQueue queue;
    TaskRunner runner(queue);
    std::string trace;
    runner.run(1, [&trace](TaskProgress const& progress) -> UiAction {
        progress.post([&trace](ScreenHost&) { trace += "25 "; });
        progress.post([&trace](ScreenHost&) { trace += "50 "; });
        return [&trace](ScreenHost&) { trace += "done"; };
    });
    CHECK_TRUE(runner.wait_idle(BOUND));
    LONGS_EQUAL(3, apply_all(queue, 1));
    STRCMP_EQUAL("25 50 done", trace.c_str());
}

TEST(TaskRunner, CancelAllStopsTheRunningTaskAndDropsItsResults)
{
    EventQueue queue;
    TaskRunner runner(queue);
    std::mutex mutex;
    std::condition_variable changed;
    bool started = false;
    std::atomic<bool> saw_cancel { false };
    runner.run(3, [&](TaskProgress const& progress) -> UiAction {
        {
            std::lock_guard lock(mutex);
            started = true;
        }
        changed.notify_all();
        // Waits (bounded) for the cancel, as a chip read polls between APDUs.
        auto const until = std::chrono::steady_clock::now() + BOUND;
        while (!progress.cancelled() && std::chrono::steady_clock::now() < until)
            std::this_thread::yield();
        saw_cancel = progress.cancelled();
        progress.post([](ScreenHost&) { FAIL("a cancelled task's progress ran"); });
        return [](ScreenHost&) { FAIL("a cancelled task's result ran"); };
    });
    bool queued_ran = false;
    runner.run(3, [&queued_ran](TaskProgress const&) -> UiAction {
        queued_ran = true;
        return {};
    });
    {
        std::unique_lock lock(mutex);
        CHECK_TRUE(changed.wait_for(lock, BOUND, [&] { return started; }));
    }
    runner.cancel_all();
    CHECK_TRUE(runner.wait_idle(BOUND));
    CHECK_TRUE(saw_cancel.load());
    CHECK_FALSE(queued_ran);
    LONGS_EQUAL(0, apply_all(queue, 3));
}
