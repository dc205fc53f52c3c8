// SPDX-License-Identifier: MIT
#include "ui/screens/screen.hpp"

#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"

namespace kiosk::ui {

namespace {

/// A filled band (the bars behind the chrome's buttons).
class Band final : public Widget {
public:
    void draw(DrawContext& context) override { context.canvas.fill_rect(rect(), context.theme.bar); }
};

} // namespace

bool Screen::key(ScreenHost&, KeyPress const&) { return false; }
void Screen::update(ScreenHost&) { }

KeyboardSplit split_for_keyboard(
    Rect content, Metrics const& m, std::function<int(int)> const& keyboard_h_for, int keyboard_share_percent)
{
    if (m.screen_w > m.screen_h) {
        int const keyboard_w = (content.w - m.gap) * keyboard_share_percent / 100;
        int const form_w = content.w - m.gap - keyboard_w;
        int const keyboard_h = std::min(content.h, keyboard_h_for(keyboard_w));
        return { { content.x, content.y, form_w, content.h },
            { content.x + form_w + m.gap, content.bottom() - keyboard_h, keyboard_w, keyboard_h } };
    }
    int const keyboard_h = keyboard_h_for(content.w);
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
    int const count = static_cast<int>(std::size(toggles));
    int const toggle_w = (m.screen_w - 2 * pad - (count - 1) * pad) / count;
    int x = pad;
    for (auto const& toggle : toggles) {
        auto& button = screen.add(std::make_unique<Button>(host.tr(toggle.key), m.text_small, ButtonKind::secondary, toggle.action));
        button.set_selected(toggle.selected);
        button.set_rect({ x, pad, toggle_w, m.bar_h - 2 * pad });
        x += toggle_w + pad;
    }

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
