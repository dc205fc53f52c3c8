// SPDX-License-Identifier: MIT
#pragma once

// An in-process kiosk UI for the UI tests: SDL headless (dummy video), a software canvas of
// the given display, a ManualClock, the real string catalogs and fonts.

#include <clock/manual_clock.hpp>
#include <ui/app/kiosk_ui.hpp>
#include <ui/core/canvas.hpp>
#include <ui/core/sdl_library.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace kiosk::ui::test {

class UiHarness {
public:
    /// @p services: the domain parts the screens may use (the tests' own catalog, gateway
    /// client, print service...); none by default.
    /// The options tests use unless they give their own: the sim board's help counter ("3").
    static KioskUiOptions default_options();
    explicit UiHarness(hal::DisplaySpec display = { 540, 960, 0, 51 }, KioskUiOptions options = default_options(),
        Services services = {});
    ~UiHarness();
    UiHarness(UiHarness const&) = delete;
    UiHarness& operator=(UiHarness const&) = delete;
    UiHarness(UiHarness&&) = delete;
    UiHarness& operator=(UiHarness&&) = delete;

    [[nodiscard]] KioskUi& ui() { return *m_ui; }
    [[nodiscard]] Canvas& canvas() { return *m_canvas; }
    [[nodiscard]] drivers::ManualClock& clock() { return m_clock; }

    /// Taps the tappable text @p label (exact match); fails the test if there is none.
    void tap(std::string_view label);
    /// Whether a tappable @p label is on screen.
    [[nodiscard]] bool can_tap(std::string_view label) const;
    /// Whether any visible text contains @p text.
    [[nodiscard]] bool shows(std::string_view text) const;
    /// Advances fake time by @p ms in 100 ms steps, ticking the UI.
    void advance(long ms);
    /// Waits (bounded) for background tasks, then ticks and renders.
    void settle();
    /// Posts a scan as the scanner worker would, and handles it.
    void scan(std::string text);

private:
    std::unique_ptr<SdlLibrary> m_sdl;
    drivers::ManualClock m_clock;
    std::unique_ptr<Canvas> m_canvas;
    std::unique_ptr<KioskUi> m_ui;
};

} // namespace kiosk::ui::test
