// SPDX-License-Identifier: MIT
#include "ui/widgets/keyboard.hpp"

#include "ui/widgets/button.hpp"

#include <algorithm>
#include <vector>

namespace kiosk::ui {

namespace {

struct KeySpec {
    std::string label;
    KeyPress press;
    int span = 1; // width in key units
    bool done = false; // the full-screen keyboard's "done" key (folds it)
};

KeyPress press_of(KeyPress::Kind kind, std::string text = {})
{
    KeyPress press;
    press.kind = kind;
    press.text = std::move(text);
    return press;
}

KeySpec letter(std::string_view text) { return { std::string(text), press_of(KeyPress::Kind::insert, std::string(text)) }; }

KeySpec tone_key(std::string_view label, Tone tone)
{
    KeyPress press = press_of(KeyPress::Kind::tone);
    press.tone = tone;
    return { std::string(label), press };
}

std::vector<std::vector<KeySpec>> rows_for(KeyboardLayout layout, KeyboardLabels const& labels)
{
    auto row_of = [](std::initializer_list<std::string_view> keys) {
        std::vector<KeySpec> row;
        for (auto key : keys)
            row.push_back(letter(key));
        return row;
    };
    KeySpec const backspace { labels.backspace, press_of(KeyPress::Kind::backspace), 2 };
    switch (layout) {
    case KeyboardLayout::vietnamese: {
        auto row3 = row_of({ "z", "x", "c", "v", "b", "n", "m" });
        row3.push_back(backspace);
        // Tone keys show the tone on 'a' so the mark is easy to see.
        std::vector<KeySpec> tones { tone_key("á", Tone::acute), tone_key("à", Tone::grave), tone_key("ả", Tone::hook),
            tone_key("ã", Tone::tilde), tone_key("ạ", Tone::dot) };
        KeySpec space { labels.space, press_of(KeyPress::Kind::insert, " "), 5 };
        tones.push_back(space);
        return { row_of({ "q", "w", "e", "r", "t", "y", "u", "i", "o", "p" }),
            row_of({ "a", "s", "d", "f", "g", "h", "j", "k", "l", "đ" }), row3,
            row_of({ "ă", "â", "ê", "ô", "ơ", "ư" }), tones };
    }
    case KeyboardLayout::code: {
        auto row4 = row_of({ "Z", "X", "C", "V", "B", "N", "M", ".", "-" });
        auto row5 = row_of({ "/" });
        row5.push_back(backspace);
        row5.push_back({ labels.clear, press_of(KeyPress::Kind::clear), 3 });
        return { row_of({ "1", "2", "3", "4", "5", "6", "7", "8", "9", "0" }),
            row_of({ "Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P" }),
            row_of({ "A", "S", "D", "F", "G", "H", "J", "K", "L" }), row4, row5 };
    }
    case KeyboardLayout::numeric: {
        std::vector<KeySpec> last { { labels.clear, press_of(KeyPress::Kind::clear) }, letter("0"),
            { labels.backspace, press_of(KeyPress::Kind::backspace) } };
        return { row_of({ "1", "2", "3" }), row_of({ "4", "5", "6" }), row_of({ "7", "8", "9" }), last };
    }
    }
    return {};
}

// The full-screen keyboard's "done" key (two units): at the end of the lowest row with room,
// else in a row of its own.
std::vector<std::vector<KeySpec>> with_done(std::vector<std::vector<KeySpec>> rows, bool compact, std::string label)
{
    if (!compact)
        return rows;
    KeySpec done { std::move(label), {}, 2, true };
    std::size_t widest = 0;
    for (auto const& row : rows) {
        std::size_t units = 0;
        for (auto const& key : row)
            units += static_cast<std::size_t>(key.span);
        widest = std::max(widest, units);
    }
    for (std::size_t i = rows.size(); i-- > 0;) {
        std::size_t units = 0;
        for (auto const& key : rows[i])
            units += static_cast<std::size_t>(key.span);
        if (units + 2 <= widest) {
            rows[i].push_back(std::move(done));
            return rows;
        }
    }
    rows.push_back({ std::move(done) });
    return rows;
}

// The rows as drawn in @p width: when the widest row's keys would be narrower than the touch
// minimum, the keys are re-flowed (same order) into as many rows as it takes.
std::vector<std::vector<KeySpec>> plan(
    std::vector<std::vector<KeySpec>> rows, int width, Metrics const& metrics, int gap)
{
    int max_units = 1;
    for (auto const& row : rows) {
        int units = 0;
        for (auto const& key : row)
            units += key.span;
        max_units = std::max(max_units, units);
    }
    int const unit_w = (width - (max_units - 1) * gap) / max_units;
    if (unit_w >= metrics.min_touch)
        return rows;
    int const fit = std::max(1, (width + gap) / (metrics.min_touch + gap));
    std::vector<std::vector<KeySpec>> flowed;
    std::vector<KeySpec> current;
    int used = 0;
    for (auto& row : rows)
        for (auto& key : row) {
            int const span = std::min(key.span, fit);
            if (used + span > fit) {
                flowed.push_back(std::move(current));
                current.clear();
                used = 0;
            }
            key.span = span;
            used += span;
            current.push_back(std::move(key));
        }
    if (!current.empty())
        flowed.push_back(std::move(current));
    return flowed;
}

} // namespace

Keyboard::Keyboard(KeyboardLayout layout, KeyboardLabels labels, std::function<void(KeyPress const&)> on_key)
    : m_layout(layout)
    , m_labels(std::move(labels))
    , m_on_key(std::move(on_key))
{
}

int Keyboard::height_for(KeyboardLayout layout, int width, Metrics const& metrics)
{
    auto const rows = plan(rows_for(layout, KeyboardLabels {}), width, metrics, metrics.gap / 2);
    int const count = static_cast<int>(rows.size());
    return count * metrics.key_h + (count - 1) * (metrics.gap / 2);
}

void Keyboard::layout(Rect area, Metrics const& metrics)
{
    m_area = area;
    m_screen = { 0, 0, metrics.screen_w, metrics.screen_h };
    m_show = nullptr;
    m_done = nullptr;
    clear_children();
    int const needed = height_for(m_layout, area.w, metrics);
    m_compact = needed > area.h || area.y < 0 || area.bottom() > metrics.screen_h;
    if (!m_compact) {
        set_rect(area);
        layout_keys(area, metrics, metrics.gap / 2, metrics.key_h);
        return;
    }
    layout_compact(area, metrics);
}

void Keyboard::layout_keys(Rect area, Metrics const& metrics, int gap, int key_h)
{
    auto const rows = plan(with_done(rows_for(m_layout, m_labels), m_compact, m_labels.done), area.w, metrics, gap);
    // Every row uses the same key unit (the widest row fills the width), centred.
    int max_units = 1;
    for (auto const& row : rows) {
        int units = 0;
        for (auto const& key : row)
            units += key.span;
        max_units = std::max(max_units, units);
    }
    int const unit_w = (area.w - (max_units - 1) * gap) / max_units;
    int y = area.y;
    for (auto const& row : rows) {
        int units = 0;
        for (auto const& key : row)
            units += key.span;
        int const row_w = units * unit_w + (units - 1) * gap;
        int x = area.x + (area.w - row_w) / 2;
        for (auto const& key : row) {
            int const w = key.span * unit_w + (key.span - 1) * gap;
            if (key.done) {
                auto& done = add(std::make_unique<Button>(
                    key.label, metrics.text_button, ButtonKind::primary, [this] { set_expanded(false); }));
                done.set_rect({ x, y, w, key_h });
                m_done = &done;
            } else {
                auto handler = m_on_key;
                KeyPress press = key.press;
                auto& button = add(std::make_unique<Button>(key.label, metrics.text_button, ButtonKind::secondary,
                    [handler, press] { handler(press); }));
                button.set_rect({ x, y, w, key_h });
            }
            x += w + gap;
        }
        y += key_h + gap;
    }
}

void Keyboard::layout_compact(Rect area, Metrics const& metrics)
{
    // Full screen: the keys (with "done" after the last) along the bottom, the screen's field
    // in the line left above them. The gaps shrink (down to one pixel) before any key would
    // go below the touch minimum.
    // Side to side without a margin: ten 15 mm keys need all of an 800 px line at 133 dpi.
    int const pad = 1;
    Rect const inner { m_screen.x, m_screen.y + pad, m_screen.w, m_screen.h - 2 * pad };
    int const line_min = metrics.min_touch * 2 / 3;
    int gap = std::max(1, metrics.gap / 2);
    int key_h = metrics.key_h;
    auto height = [&](int g, int h) {
        auto const count = static_cast<int>(
            plan(with_done(rows_for(m_layout, KeyboardLabels {}), true, {}), inner.w, metrics, g).size());
        return count * h + (count - 1) * g;
    };
    int const room = inner.h - line_min - pad;
    if (height(gap, key_h) > room)
        key_h = metrics.min_touch;
    while (gap > 1 && height(gap, key_h) > room)
        --gap;
    int const keys_h = height(gap, key_h);
    int const line_h = std::clamp(inner.h - keys_h - pad, line_min, metrics.min_touch + 2 * metrics.gap);
    m_line = { inner.x + metrics.gap / 2, inner.y, inner.w - metrics.gap, line_h };
    layout_keys({ inner.x, inner.bottom() - keys_h, inner.w, keys_h }, metrics, gap, key_h);
    // Folded: one button at the top of the area the screen gave the keyboard.
    int const show_h = std::min(std::max(area.h, metrics.min_touch), metrics.button_h);
    auto& show = add(std::make_unique<Button>(m_labels.show, metrics.text_button, ButtonKind::primary,
        [this] { set_expanded(true); }));
    show.set_rect({ area.x, area.y, std::max(area.w, metrics.min_touch), show_h });
    m_show = &show;
    apply_state();
}

void Keyboard::set_expanded(bool expanded)
{
    m_expanded = expanded;
    apply_state();
}

void Keyboard::apply_state()
{
    if (!m_compact)
        return;
    for (auto const& child : children())
        child->set_visible(m_expanded);
    if (m_show != nullptr) {
        m_show->set_visible(!m_expanded);
        m_show->cancel_press();
    }
    set_rect(m_expanded ? m_screen : (m_show != nullptr ? m_show->rect() : m_area));
}

void Keyboard::draw(DrawContext& context)
{
    if (!m_compact) {
        Container::draw(context);
        return;
    }
    if (context.strings != nullptr) {
        if (m_labels.done.empty() && m_done != nullptr)
            m_done->set_text(context.strings->text("kb.done"));
        if (m_labels.show.empty() && m_show != nullptr)
            m_show->set_text(context.strings->text("kb.show_keyboard"));
    }
    if (m_expanded) {
        context.canvas.fill_rect(m_screen, context.theme.background);
        if (m_echo != nullptr) {
            // The screen's own field, drawn in the top line for as long as the keyboard covers it.
            Rect const home = m_echo->rect();
            m_echo->set_rect(m_line);
            m_echo->draw(context);
            m_echo->set_rect(home);
        }
    }
    Container::draw(context);
}

void Keyboard::collect_texts(std::vector<TextHit>& out) const
{
    if (expanded() && m_echo != nullptr) {
        std::vector<TextHit> hits;
        m_echo->collect_texts(hits);
        for (auto& hit : hits) {
            hit.rect = m_line;
            out.push_back(std::move(hit));
        }
    }
    Container::collect_texts(out);
}

} // namespace kiosk::ui
