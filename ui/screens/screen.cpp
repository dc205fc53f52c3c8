// SPDX-License-Identifier: MIT
#include "ui/screens/screen.hpp"

#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace kiosk::ui {

namespace {

/// A filled band (the bars behind the chrome's buttons).
class Band final : public Widget {
public:
    void draw(DrawContext& context) override { context.canvas.fill_rect(rect(), context.theme.bar); }
};

/// Spoken guidance (when the board can speak): "read aloud" and the audio mode toggle, at the
/// end of the top bar from @p x.
void add_speech_toggles(Screen& screen, ScreenHost& host, int x, int toggle_w)
{
    Metrics const& m = host.metrics();
    int const pad = m.bar_pad;
    auto& read = screen.add(std::make_unique<Button>(
        host.tr("speech.read"), m.text_small, ButtonKind::secondary, [&host] { host.read_aloud(); }));
    read.set_rect({ x, pad, toggle_w, m.bar_h - 2 * pad });
    x += toggle_w + pad;
    auto& mode = screen.add(std::make_unique<Button>(host.tr("audio.mode"), m.text_small, ButtonKind::secondary, [&host] {
        auto& settings = host.session().settings;
        settings.audio_mode = !settings.audio_mode;
        host.settings_changed();
        // Turned on: this screen is read at once; turned off: silence at once.
        if (settings.audio_mode)
            host.read_aloud();
        else
            host.stop_speech();
    }));
    mode.set_selected(host.session().settings.audio_mode);
    mode.set_rect({ x, pad, toggle_w, m.bar_h - 2 * pad });
}

/// Volume steps of the audio strip, and the quietest it goes (silence would look broken).
constexpr int STEP_PERCENT = 10;
constexpr int LOWEST_PERCENT = 10;

/// In audio mode, a strip under the top bar: quieter, the volume, louder. @return its height
/// (0 when not shown).
int add_audio_strip(Screen& screen, ScreenHost& host, int y)
{
    Metrics const& m = host.metrics();
    int const pad = m.bar_pad;
    auto& band = screen.add(std::make_unique<Band>());
    band.set_rect({ 0, y, m.screen_w, m.bar_h });
    int const w = (m.screen_w - 4 * pad) / 3;
    auto change = [&host](int delta) {
        auto& volume = host.session().settings.volume_percent;
        volume = std::clamp(volume + delta, LOWEST_PERCENT, 100);
        host.settings_changed();
        // The instruction again, at the new volume: the citizen hears the difference.
        host.read_aloud();
    };
    auto& quieter = screen.add(std::make_unique<Button>(
        host.tr("audio.quieter"), m.text_small, ButtonKind::secondary, [change] { change(-STEP_PERCENT); }));
    quieter.set_rect({ pad, y + pad, w, m.bar_h - 2 * pad });
    auto& level = screen.add(std::make_unique<Label>(host.strings().format("audio.volume",
                                                         { { "percent", std::to_string(host.session().settings.volume_percent) } }),
        m.text_small, FontWeight::bold, Align::center, LabelTone::on_bar));
    level.set_rect({ 2 * pad + w, y + pad, w, m.bar_h - 2 * pad });
    auto& louder = screen.add(std::make_unique<Button>(
        host.tr("audio.louder"), m.text_small, ButtonKind::secondary, [change] { change(STEP_PERCENT); }));
    louder.set_rect({ 3 * pad + 2 * w, y + pad, w, m.bar_h - 2 * pad });
    return m.bar_h;
}

} // namespace

std::uint64_t Screen::next_screen_instance() noexcept
{
    static std::atomic<std::uint64_t> counter { 0 };
    return ++counter;
}

std::string Screen::instruction(ScreenHost& host) const
{
    // The chrome's bars (and the volume strip in audio mode) are not the screen's own words.
    Metrics const& m = host.metrics();
    int const chrome_bottom = m.bar_h * (host.session().settings.audio_mode ? 2 : 1);
    std::vector<TextHit> texts;
    collect_texts(texts);
    for (auto const& text : texts)
        if (!text.tappable && !text.text.empty() && text.rect.y >= chrome_bottom)
            return text.text;
    return texts.empty() ? std::string() : texts.front().text;
}

bool Screen::key(ScreenHost&, KeyPress const&) { return false; }
void Screen::update(ScreenHost&) { }

KeyboardSplit split_for_keyboard(
    Rect content, Metrics const& m, std::function<int(int)> const& keyboard_h_for, int keyboard_share_percent)
{
    if (m.screen_w > m.screen_h) {
        int const keyboard_w = (content.w - m.gap) * keyboard_share_percent / 100;
        int const form_w = content.w - m.gap - keyboard_w;
        if (keyboard_h_for(keyboard_w) > content.h) {
            // A small panel: the keys do not fit beside the form. The keyboard opens full
            // screen (see Keyboard); folded, it is one button in a column right of the form.
            int const button_w = std::max(2 * m.min_touch, content.w / 5);
            return { { content.x, content.y, content.w - m.gap - button_w, content.h },
                { content.right() - button_w, content.y, button_w, content.h } };
        }
        int const keyboard_h = std::min(content.h, keyboard_h_for(keyboard_w));
        return { { content.x, content.y, form_w, content.h },
            { content.x + form_w + m.gap, content.bottom() - keyboard_h, keyboard_w, keyboard_h } };
    }
    int const keyboard_h = keyboard_h_for(content.w);
    if (content.h - keyboard_h - m.gap < 3 * m.button_h + 2 * m.gap) {
        // No room above the keys for a form (a field, a line, a button): a full-screen
        // keyboard, folded into a bottom line.
        return { { content.x, content.y, content.w, std::max(0, content.h - m.button_h - m.gap) },
            { content.x, content.bottom() - m.button_h, content.w, m.button_h } };
    }
    return { { content.x, content.y, content.w, std::max(0, content.h - keyboard_h - m.gap) },
        { content.x, content.bottom() - keyboard_h, content.w, keyboard_h } };
}

Rect add_chrome(Screen& screen, ScreenHost& host, std::string_view title, ChromeOptions options)
{
    Metrics const& m = host.metrics();
    Session& session = host.session();
    int const pad = m.bar_pad;

    // Top bar: language and accessibility toggles, on every screen.
    auto& top = screen.add(std::make_unique<Band>());
    top.set_rect({ 0, 0, m.screen_w, m.bar_h });
    struct Toggle {
        std::string_view key;
        bool selected;
        std::function<void()> action;
    };
    Toggle const toggles[] = {
        { "bar.language_vi", session.settings.language == Language::vi,
            [&host] {
                host.session().settings.language = Language::vi;
                host.settings_changed();
            } },
        { "bar.language_en", session.settings.language == Language::en,
            [&host] {
                host.session().settings.language = Language::en;
                host.settings_changed();
            } },
        { "bar.large_text", session.settings.text_size == TextSize::large,
            [&host] {
                auto& size = host.session().settings.text_size;
                size = size == TextSize::large ? TextSize::normal : TextSize::large;
                host.settings_changed();
            } },
        { "bar.contrast", session.settings.contrast == ContrastMode::high,
            [&host] {
                auto& contrast = host.session().settings.contrast;
                contrast = contrast == ContrastMode::high ? ContrastMode::normal : ContrastMode::high;
                host.settings_changed();
            } },
    };
    bool const speech = host.services().speaker != nullptr && host.services().speech != nullptr;
    int const count = static_cast<int>(std::size(toggles)) + (speech ? 2 : 0);
    int const toggle_w = (m.screen_w - 2 * pad - (count - 1) * pad) / count;
    int x = pad;
    for (auto const& toggle : toggles) {
        auto& button = screen.add(std::make_unique<Button>(host.tr(toggle.key), m.text_small, ButtonKind::secondary, toggle.action));
        button.set_selected(toggle.selected);
        button.set_rect({ x, pad, toggle_w, m.bar_h - 2 * pad });
        x += toggle_w + pad;
    }
    if (speech)
        add_speech_toggles(screen, host, x, toggle_w);

    // Bottom bar: the ways out, always in the same place.
    int const bottom_y = m.screen_h - m.bar_h;
    auto& bottom = screen.add(std::make_unique<Band>());
    bottom.set_rect({ 0, bottom_y, m.screen_w, m.bar_h });
    struct Nav {
        bool shown;
        std::string_view key;
        ButtonKind kind;
        NavRequest::Kind request;
    };
    Nav const navs[] = {
        { options.back, "nav.back", ButtonKind::secondary, NavRequest::Kind::back },
        { options.home, "nav.home", ButtonKind::secondary, NavRequest::Kind::home },
        { options.finish, "nav.finish", ButtonKind::danger, NavRequest::Kind::finish },
    };
    int const nav_count = static_cast<int>(std::size(navs));
    int const nav_w = (m.screen_w - 2 * pad - (nav_count - 1) * pad) / nav_count;
    x = pad;
    for (auto const& nav : navs) {
        if (nav.shown) {
            auto kind = nav.request;
            auto& button = screen.add(std::make_unique<Button>(
                host.tr(nav.key), m.text_button, nav.kind, [&host, kind] { host.navigate({ kind, {} }); }));
            button.set_rect({ x, bottom_y + pad, nav_w, m.bar_h - 2 * pad });
        }
        x += nav_w + pad;
    }

    // Title under the top bar.
    Rect content { m.content_x, m.bar_h + m.gap, m.content_w, bottom_y - m.bar_h - 2 * m.gap };
    if (speech && session.settings.audio_mode) {
        int const strip_h = add_audio_strip(screen, host, m.bar_h);
        content.y += strip_h;
        content.h -= strip_h;
    }
    if (!title.empty()) {
        auto& label = screen.add(std::make_unique<Label>(std::string(title), m.text_title, FontWeight::bold));
        int const h = label.height_for(host.fonts(), content.w);
        label.set_rect({ content.x, content.y, content.w, h });
        content.y += h + m.gap;
        content.h -= h + m.gap;
    }
    return content;
}

} // namespace kiosk::ui
