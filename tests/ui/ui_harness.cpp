// SPDX-License-Identifier: MIT
#include "ui_harness.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include <string>

#include <CppUTest/TestHarness.h>

namespace kiosk::ui::test {

namespace {
    // spdlog builds its registry and formatter on first use; doing that inside a test looks like
    // a leak to CppUTest, so it happens here, before main(). The UI's info lines are not what
    // these tests check.
    struct QuietLogs {
        QuietLogs() { spdlog::set_level(spdlog::level::warn); }
    } const QUIET_LOGS;
} // namespace

KioskUiOptions UiHarness::default_options()
{
    KioskUiOptions options;
    options.site.help_counter = "3";
    return options;
}

UiHarness::UiHarness(hal::DisplaySpec display, KioskUiOptions options, Services services)
{
    m_sdl = KIOSK_MUST(SdlLibrary::open(VideoMode::headless));
    DisplayLayout const layout(display);
    m_canvas = KIOSK_MUST(Canvas::create_headless(layout.width(), layout.height()));
    options.strings_folder = std::filesystem::path(KIOSK_SOURCE_DIR) / "ui" / "strings";
    m_ui = KIOSK_MUST(KioskUi::create(*m_canvas, m_clock, layout, services, options));
    settle();
}

UiHarness::~UiHarness()
{
    m_ui.reset();
    m_canvas.reset();
    m_sdl.reset();
}

void UiHarness::settle()
{
    (void)m_ui->tasks().wait_idle(std::chrono::seconds(10));
    m_ui->tick();
    m_ui->render();
}

void UiHarness::tap(std::string_view label)
{
    settle();
    for (auto const& hit : m_ui->visible_texts()) {
        if (hit.tappable && hit.text == label) {
            m_ui->tap(hit.rect.center());
            settle();
            return;
        }
    }
    FAIL(("no tappable \"" + std::string(label) + "\" on screen " + std::string(m_ui->screen_name())).c_str());
}

bool UiHarness::can_tap(std::string_view label) const
{
    for (auto const& hit : m_ui->visible_texts())
        if (hit.tappable && hit.text == label)
            return true;
    return false;
}

bool UiHarness::shows(std::string_view text) const
{
    for (auto const& hit : m_ui->visible_texts())
        if (hit.text.find(text) != std::string::npos)
            return true;
    return false;
}

void UiHarness::advance(long ms)
{
    for (long done = 0; done < ms; done += 100) {
        m_clock.advance(std::chrono::milliseconds(std::min(100L, ms - done)));
        m_ui->tick();
    }
    settle();
}

void UiHarness::scan(std::string text)
{
    m_ui->events().push(ScanEvent { std::move(text) });
    settle();
}

} // namespace kiosk::ui::test
