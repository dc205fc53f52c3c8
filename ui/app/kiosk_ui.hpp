// SPDX-License-Identifier: MIT
#pragma once

#include "ui/app/session.hpp"
#include "ui/app/speech_guide.hpp"
#include "ui/app/task_runner.hpp"
#include "ui/app/ui_event.hpp"
#include "ui/core/canvas.hpp"
#include "ui/core/display_layout.hpp"
#include "ui/core/strings.hpp"
#include "ui/core/text_cache.hpp"
#include "ui/screens/screen.hpp"
#include "ui/widgets/dialog.hpp"

#include <kiosk/hal/clock.hpp>
#include <kiosk/hal/result.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

/// What KioskUi needs besides the canvas and the clock.
struct KioskUiOptions {
    /// Without a touch for this long, the "Are you still there?" countdown starts.
    std::chrono::seconds idle_timeout { 90 };
    /// The countdown's length; at its end the session is wiped.
    std::chrono::seconds idle_countdown { 20 };
    /// Where vi.json and en.json are; default_strings_folder() if empty.
    std::filesystem::path strings_folder;
    /// Fonts; Fonts::default_regular() / default_bold() if empty.
    std::filesystem::path font_regular;
    std::filesystem::path font_bold;
    /// The service center and its help counter, named in the texts.
    Site site;
};

/// The kiosk's screens and their state machine: the screen stack (attract at the bottom,
/// home above it; home and finish reachable from every screen), the session, the idle
/// countdown and wipe, scans routed to the right flow, language and accessibility settings.
/// Input comes in logical pixels (touch, mouse, scenario steps); worker threads post to
/// events(). Time comes from the hal::Clock (a ManualClock in scenarios). UI thread only,
/// except events().
class KioskUi final : public ScreenHost {
public:
    /// Loads the string catalogs and fonts.
    /// @return Errc::not_found / Errc::malformed for missing or broken catalogs or fonts.
    static Result<std::unique_ptr<KioskUi>> create(Canvas& canvas, hal::Clock const& clock, DisplayLayout const& layout,
        Services services, KioskUiOptions options);
    ~KioskUi() override;
    KioskUi(KioskUi const&) = delete;
    KioskUi& operator=(KioskUi const&) = delete;
    KioskUi(KioskUi&&) = delete;
    KioskUi& operator=(KioskUi&&) = delete;

    /// Pointer input in logical pixels.
    void pointer_down(Point point);
    void pointer_move(Point point);
    void pointer_up(Point point);
    /// A press and release at @p point.
    void tap(Point point);
    /// Text typed (physical keyboard, `type` step): each code point as a key press.
    void type_text(std::string_view utf8);
    /// One key press (backspace from a physical keyboard).
    void key(KeyPress const& press);
    /// Switches the language (a `language` step; the same as the top-bar buttons).
    void set_language(Language language);

    /// Worker threads post here.
    [[nodiscard]] EventQueue& events() noexcept { return m_events; }

    /// Handles queued events, the idle timer, navigation and animations, at clock time now.
    void tick();
    /// Draws the frame (and shows it in window mode).
    void render();
    /// Whether something changed since the last render().
    [[nodiscard]] bool needs_render() const noexcept { return m_dirty; }

    /// Every visible text with its place (the dialog's first when one is open).
    [[nodiscard]] std::vector<TextHit> visible_texts() const;
    /// The top screen's name ("attract", "home", ...).
    [[nodiscard]] std::string_view screen_name() const noexcept;
    /// Number of screens on the stack (1 on the attract screen).
    [[nodiscard]] std::size_t depth() const noexcept { return m_stack.size(); }
    [[nodiscard]] bool idle_dialog_open() const noexcept { return m_idle_dialog != nullptr; }
    [[nodiscard]] Session const& session_state() const noexcept { return m_session; }
    [[nodiscard]] TextCache const& text_cache() const noexcept { return *m_text; }
    /// Scans handled since start (scenario steps wait for it to move).
    [[nodiscard]] std::uint64_t scans_handled() const noexcept { return m_scans_handled; }
    /// Sessions wiped since start.
    [[nodiscard]] std::uint64_t wipes() const noexcept { return m_wipes; }
    /// Frames drawn and ticks run since start: any thread (the health report reads them).
    [[nodiscard]] std::uint64_t frames_rendered() const noexcept { return m_frames.load(std::memory_order_relaxed); }
    [[nodiscard]] std::uint64_t ticks() const noexcept { return m_ticks.load(std::memory_order_relaxed); }

    // ScreenHost
    [[nodiscard]] StringCatalog const& strings() const override;
    [[nodiscard]] Metrics const& metrics() const override { return m_metrics; }
    [[nodiscard]] Fonts& fonts() override { return *m_fonts; }
    [[nodiscard]] Session& session() override { return m_session; }
    [[nodiscard]] Services const& services() const override { return m_services; }
    void navigate(NavRequest request) override;
    void settings_changed() override;
    void toast(std::string key) override;
    void run_task(Task task) override;
    [[nodiscard]] std::chrono::system_clock::time_point wall_now() const override { return m_clock.wall_now(); }
    void read_aloud() override;
    void stop_speech() override;
    /// The spoken guidance (tests look at what it played).
    [[nodiscard]] SpeechGuide const& speech() const noexcept { return m_speech; }

    /// The background tasks (scenario steps wait for them to finish).
    [[nodiscard]] TaskRunner const& tasks() const noexcept { return m_tasks; }

private:
    KioskUi(Canvas& canvas, hal::Clock const& clock, DisplayLayout const& layout, Services services,
        KioskUiOptions options, Strings strings, std::unique_ptr<Fonts> fonts);

    enum class DialogAction {
        none,
        keep_going,
        finish,
    };

    Screen& top() const noexcept { return *m_stack.back(); }
    void apply_pending();
    void wipe_session();
    void ensure_started();
    void reset_to_home();
    void rebuild_if_stale();
    void handle_event(UiEvent& event);
    void handle_scan(std::string& text);
    void show_error(std::string message_key);
    void update_idle(std::chrono::steady_clock::time_point now);
    void activity(std::chrono::steady_clock::time_point now) noexcept;

    Canvas& m_canvas;
    hal::Clock const& m_clock;
    DisplayLayout m_layout;
    Services m_services;
    KioskUiOptions m_options;
    Strings m_strings;
    std::unique_ptr<Fonts> m_fonts;
    std::unique_ptr<TextCache> m_text;
    Metrics m_metrics;
    Session m_session;
    EventQueue m_events;
    TaskRunner m_tasks { m_events };
    SpeechGuide m_speech;
    std::vector<std::unique_ptr<Screen>> m_stack;
    std::vector<NavRequest> m_pending;
    bool m_settings_changed = false;
    Widget* m_pressed = nullptr;
    std::unique_ptr<Dialog> m_idle_dialog;
    std::chrono::steady_clock::time_point m_idle_deadline {};
    long m_idle_seconds_shown = -1;
    DialogAction m_dialog_action = DialogAction::none;
    std::chrono::steady_clock::time_point m_last_activity {};
    std::string m_toast; ///< the toast's string key
    std::chrono::steady_clock::time_point m_toast_until {};
    bool m_dirty = true;
    std::uint64_t m_scans_handled = 0;
    std::uint64_t m_wipes = 0;
    std::atomic<std::uint64_t> m_frames { 0 };
    std::atomic<std::uint64_t> m_ticks { 0 };
};

} // namespace kiosk::ui
