// SPDX-License-Identifier: MIT
#include "ui/scenario/scenario_runner.hpp"

#include <cmath>

namespace kiosk::ui {

namespace {
    /// Fake-time step while waiting or idling: fine enough for countdowns shown in seconds.
    constexpr std::chrono::milliseconds FAKE_STEP { 100 };
    constexpr std::chrono::milliseconds TASK_BOUND { 10000 };
} // namespace

ScenarioRunner::ScenarioRunner(KioskUi& ui, Canvas& canvas, ScenarioHooks& hooks, std::filesystem::path out_dir)
    : m_ui(ui)
    , m_canvas(canvas)
    , m_hooks(hooks)
    , m_out(std::move(out_dir))
{
}

void ScenarioRunner::settle()
{
    // Background tasks (a gateway lookup, a chip read) run in real time: let them finish, so
    // that their results are there at this tick (bounded: a task stuck for 10 s fails the
    // step that waits for its result).
    (void)m_ui.tasks().wait_idle(TASK_BOUND);
    // Print jobs handed over are tried before the tick shows their outcome (bounded too).
    if (m_ui.services().printer != nullptr)
        (void)m_ui.services().printer->wait_idle(TASK_BOUND);
    m_ui.tick();
    m_ui.render();
}

std::string ScenarioRunner::describe_screen() const
{
    std::string text = "screen '" + std::string(m_ui.screen_name()) + "'";
    if (m_ui.idle_dialog_open())
        text += " (with the idle dialog)";
    text += "; tappable:";
    int shown = 0;
    for (auto const& hit : m_ui.visible_texts()) {
        if (!hit.tappable)
            continue;
        if (shown++ == 14) {
            text += " ...";
            break;
        }
        text += " \"" + hit.text + "\"";
    }
    return text;
}

Expected<void, StepFailure> ScenarioRunner::run(std::vector<ScenarioStep> const& steps)
{
    settle();
    for (auto const& step : steps) {
        auto result = run_step(step);
        if (!result)
            return Unexpected(StepFailure { step.line, result.error() });
    }
    return {};
}

Expected<void, std::string> ScenarioRunner::run_step(ScenarioStep const& step)
{
    using Kind = ScenarioStep::Kind;
    Expected<void, std::string> result;
    switch (step.kind) {
    case Kind::tap_label:
        result = tap_label(step.text);
        break;
    case Kind::tap_point:
        if (step.x >= m_canvas.width() || step.y >= m_canvas.height())
            return Unexpected("tap " + std::to_string(step.x) + " " + std::to_string(step.y) + " is outside the "
                + std::to_string(m_canvas.width()) + "x" + std::to_string(m_canvas.height()) + " screen");
        m_ui.tap({ step.x, step.y });
        break;
    case Kind::type:
        m_ui.type_text(step.text);
        break;
    case Kind::scan:
        result = scan(step.text);
        break;
    case Kind::card:
        result = m_hooks.place_card(step.text);
        break;
    case Kind::remove_card:
        result = m_hooks.remove_card();
        break;
    case Kind::wait_for:
        result = wait_for(step.text, step.seconds);
        break;
    case Kind::idle:
        idle(step.seconds);
        break;
    case Kind::screenshot: {
        settle();
        std::error_code ec;
        std::filesystem::create_directories(m_out, ec);
        auto saved = m_canvas.save_png(m_out / (step.text + ".png"));
        if (!saved)
            return Unexpected(
                "cannot write " + (m_out / (step.text + ".png")).string() + ": " + saved.error().message());
        break;
    }
    case Kind::language:
        m_ui.set_language(step.text == "en" ? Language::en : Language::vi);
        break;
    case Kind::drag: {
        for (Point const p : { Point { step.x, step.y }, Point { step.x2, step.y2 } })
            if (p.x >= m_canvas.width() || p.y >= m_canvas.height())
                return Unexpected("drag point " + std::to_string(p.x) + " " + std::to_string(p.y) + " is outside the "
                    + std::to_string(m_canvas.width()) + "x" + std::to_string(m_canvas.height()) + " screen");
        // The finger moves in even steps at one instant of fake time: the view follows it exactly
        // and does not fling (a fling needs time between the samples).
        constexpr int STEPS = 8;
        m_ui.pointer_down({ step.x, step.y });
        for (int i = 1; i <= STEPS; ++i)
            m_ui.pointer_move({ step.x + (step.x2 - step.x) * i / STEPS, step.y + (step.y2 - step.y) * i / STEPS });
        m_ui.pointer_up({ step.x2, step.y2 });
        break;
    }
    case Kind::printer:
        result = m_hooks.printer_sensor(step.text, step.after_bytes);
        break;
    }
    if (!result)
        return result;
    settle();
    return {};
}

Expected<void, std::string> ScenarioRunner::tap_label(std::string const& label)
{
    settle();
    for (auto const& hit : m_ui.visible_texts()) {
        if (hit.tappable && hit.text == label) {
            m_ui.tap(hit.rect.center());
            return {};
        }
    }
    return Unexpected("no tappable \"" + label + "\" on " + describe_screen());
}

Expected<void, std::string> ScenarioRunner::scan(std::string const& text)
{
    auto const before = m_ui.scans_handled();
    auto const pushed = m_ui.events().pushed();
    auto presented = m_hooks.present_code(text);
    if (!presented)
        return presented;
    // The code goes scanner -> worker thread -> queue; wait (bounded) for it to arrive.
    if (!m_ui.events().wait_pushed_beyond(pushed, SCAN_BOUND))
        return Unexpected(std::string("the scanned code did not reach the UI within 5 s"));
    m_ui.tick();
    if (m_ui.scans_handled() == before)
        return Unexpected(std::string("the UI did not handle the scanned code"));
    return {};
}

Expected<void, std::string> ScenarioRunner::wait_for(std::string const& text, double seconds)
{
    auto const limit = std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000)));
    std::chrono::milliseconds waited { 0 };
    while (true) {
        settle();
        for (auto const& hit : m_ui.visible_texts())
            if (hit.text.find(text) != std::string::npos)
                return {};
        if (waited >= limit)
            break;
        m_hooks.advance(FAKE_STEP);
        waited += FAKE_STEP;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", seconds);
    return Unexpected("\"" + text + "\" did not appear within " + buffer + " s; " + describe_screen());
}

void ScenarioRunner::idle(double seconds)
{
    auto const total = std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000)));
    for (std::chrono::milliseconds done { 0 }; done < total; done += FAKE_STEP) {
        m_hooks.advance(std::min(FAKE_STEP, total - done));
        m_ui.tick();
    }
}

} // namespace kiosk::ui
