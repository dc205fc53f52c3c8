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

// The rows as drawn in @p width: when the widest row's keys would be narrower than the touch
// minimum, the keys are re-flowed (same order) into as many rows as it takes.
std::vector<std::vector<KeySpec>> plan(std::vector<std::vector<KeySpec>> rows, int width, Metrics const& metrics)
{
    int const gap = metrics.gap / 2;
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
    auto const rows = plan(rows_for(layout, KeyboardLabels {}), width, metrics);
    int const count = static_cast<int>(rows.size());
    return count * metrics.key_h + (count - 1) * (metrics.gap / 2);
}

void Keyboard::layout(Rect area, Metrics const& metrics)
{
    set_rect(area);
    clear_children();
    auto const rows = plan(rows_for(m_layout, m_labels), area.w, metrics);
    int const gap = metrics.gap / 2;
    int const key_h = metrics.key_h;
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
            auto handler = m_on_key;
            KeyPress press = key.press;
            auto& button = add(std::make_unique<Button>(key.label, metrics.text_button, ButtonKind::secondary,
                [handler, press] { handler(press); }));
            button.set_rect({ x, y, w, key_h });
            x += w + gap;
        }
        y += key_h + gap;
    }
}

} // namespace kiosk::ui
