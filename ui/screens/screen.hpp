// SPDX-License-Identifier: MIT
#pragma once

#include "ui/app/print_service.hpp"
#include "ui/app/session.hpp"
#include "ui/app/task_runner.hpp"
#include "ui/core/strings.hpp"
#include "ui/widgets/container.hpp"
#include "ui/widgets/text_edit.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

namespace kiosk::hal {
class CardReader;
}
namespace kiosk::catalog {
class CatalogStore;
}
namespace kiosk::speech {
class Synthesizer;
}
namespace kiosk::hal {
class Speaker;
}
namespace kiosk::status {
class DossierLookup;
class GatewayClient;
}

namespace kiosk::ui {

class Screen;
class CardWorker;

/// Where the citizen goes next. Applied by KioskUi after the current event (a button's action
/// never destroys the button while it runs).
struct NavRequest {
    enum class Kind {
        push, ///< open `make()` on top
        back, ///< close the top screen (home stays)
        home, ///< back to the home screen (what was typed is kept)
        finish, ///< wipe the session, back to the attract screen
        start, ///< from the attract screen to home
    };
    Kind kind = Kind::push;
    std::function<std::unique_ptr<Screen>()> make;
};

/// The domain parts the screens can use; a null member is a part this build or board does
/// not have (the screens then say so in plain words).
struct Services {
    hal::CardReader* card_reader = nullptr;
    /// Receipts go here; null when the board has no printer (screens then offer no print button).
    PrintService* printer = nullptr;
    /// The procedure catalog (issue 5). Searched on the UI thread (a search takes about 1 ms).
    catalog::CatalogStore const* catalog = nullptr;
    /// Dossier lookups with the offline cache (issue 7). Network: call it only from a task.
    status::DossierLookup* dossiers = nullptr;
    /// The service center's gateway (a citizen's dossiers after a chip read). Only from a task.
    status::GatewayClient* gateway = nullptr;
    /// Reads chip ID cards on its own thread (the place-card screen starts it); null without a
    /// card reader.
    CardWorker* card_worker = nullptr;
    /// Spoken guidance (ui/app/speech_guide.hpp): the board's speaker (UI thread only) and the
    /// text-to-speech engine (only from a task). Without both there is no speaker button.
    hal::Speaker* speaker = nullptr;
    speech::Synthesizer* speech = nullptr;
};

/// What a screen may use while it builds and reacts. Implemented by KioskUi.
class ScreenHost {
public:
    virtual ~ScreenHost() = default;
    ScreenHost() = default;
    ScreenHost(ScreenHost const&) = delete;
    ScreenHost& operator=(ScreenHost const&) = delete;
    ScreenHost(ScreenHost&&) = delete;
    ScreenHost& operator=(ScreenHost&&) = delete;

    [[nodiscard]] virtual StringCatalog const& strings() const = 0;
    [[nodiscard]] virtual Metrics const& metrics() const = 0;
    [[nodiscard]] virtual Fonts& fonts() = 0;
    [[nodiscard]] virtual Session& session() = 0;
    [[nodiscard]] virtual Services const& services() const = 0;
    virtual void navigate(NavRequest request) = 0;
    /// The settings changed (language, text size, contrast): rebuild the screens.
    virtual void settings_changed() = 0;
    /// Shows the text of @p key for a few seconds, in the language of the moment (it follows a
    /// language switch); an empty key takes the toast away.
    virtual void toast(std::string key) = 0;
    /// Runs @p task off the UI thread (network, chip, printer); what it returns runs on the UI
    /// thread at a later tick, unless the session has been wiped in the meantime.
    virtual void run_task(Task task) = 0;
    /// Calendar time now, for dates shown to people ("late by 2 working days", "as of 10:42
    /// today"). KioskUi answers from its clock (fake time in tests and scenarios).
    [[nodiscard]] virtual std::chrono::system_clock::time_point wall_now() const
    {
        return std::chrono::system_clock::now();
    }
    /// Shorthand for strings().text(key).
    [[nodiscard]] std::string const& tr(std::string_view key) const { return strings().text(key); }
    /// Reads the top screen's instruction aloud (the speaker button); nothing without a speaker.
    virtual void read_aloud() { }
    /// Stops the spoken guidance at once.
    virtual void stop_speech() { }
};

/// One screen: a container of widgets, built from the session (so a language change or a
/// wipe simply rebuilds it). name() is stable ("home", "dossier_entry"): tests and scenario
/// messages use it.
class Screen : public Container {
public:
    [[nodiscard]] virtual std::string_view name() const noexcept = 0;
    /// (Re)creates every widget for the current settings and session.
    virtual void build(ScreenHost& host) = 0;
    /// A key from the on-screen keyboard or a `type` step / physical keyboard.
    /// @return false when the screen has no text entry.
    virtual bool key(ScreenHost& host, KeyPress const& press);
    /// Called each tick while on top (workers' progress, animations).
    virtual void update(ScreenHost& host);
    /// What the speaker button reads aloud: what to do on this screen, in the current
    /// language. Default: the screen's title (its first text that is not a button).
    [[nodiscard]] virtual std::string instruction(ScreenHost& host) const;
    /// Unique among all screens ever made (the spoken guidance tells screens apart by it).
    [[nodiscard]] std::uint64_t instance() const noexcept { return m_instance; }

    /// The settings and session serial the widgets were built for.
    [[nodiscard]] bool built_for(Settings const& settings, std::uint64_t serial) const noexcept
    {
        return m_built && m_settings == settings && m_serial == serial;
    }
    void mark_built(Settings const& settings, std::uint64_t serial) noexcept
    {
        m_built = true;
        m_settings = settings;
        m_serial = serial;
    }
    void mark_stale() noexcept { m_built = false; }

private:
    bool m_built = false;
    Settings m_settings;
    std::uint64_t m_serial = 0;
    std::uint64_t m_instance = next_screen_instance();
    static std::uint64_t next_screen_instance() noexcept;
};

/// Which navigation buttons the chrome shows.
struct ChromeOptions {
    bool back = true;
    bool home = true;
    bool finish = true;
};

/// Adds the parts every screen has: the top bar (language vi/en, large text, contrast), the
/// title, and the bottom bar (back, home, finish). @return the content area left between them.
Rect add_chrome(Screen& screen, ScreenHost& host, std::string_view title, ChromeOptions options = {});

/// A screen with an on-screen keyboard: where the form goes and where the keyboard goes.
struct KeyboardSplit {
    Rect form;
    Rect keyboard;
};

/// Portrait: the keyboard along the bottom of @p content (@p keyboard_h tall), the form above.
/// Landscape: the keyboard on the right (@p keyboard_share of the width), the form on the left.
/// @p keyboard_h_for gives the keyboard's height for a width.
KeyboardSplit split_for_keyboard(Rect content, Metrics const& metrics, std::function<int(int)> const& keyboard_h_for,
    int keyboard_share_percent = 55);

/// Stacks blocks down a column: take(h) returns the next block's rectangle.
class Column {
public:
    Column(Rect area, int gap) noexcept
        : m_area(area)
        , m_y(area.y)
        , m_gap(gap)
    {
    }
    Rect take(int height) noexcept
    {
        Rect const r { m_area.x, m_y, m_area.w, height };
        m_y += height + m_gap;
        return r;
    }
    /// Space left below the blocks taken so far.
    [[nodiscard]] Rect rest() const noexcept { return { m_area.x, m_y, m_area.w, std::max(0, m_area.bottom() - m_y) }; }
    [[nodiscard]] int width() const noexcept { return m_area.w; }

private:
    Rect m_area;
    int m_y;
    int m_gap;
};

} // namespace kiosk::ui
