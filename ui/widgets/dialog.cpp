// SPDX-License-Identifier: MIT
#include "ui/widgets/dialog.hpp"

#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"

namespace kiosk::ui {

Dialog::Dialog(std::string title, std::string body, std::vector<Choice> choices, Fonts& fonts, Metrics const& m)
{
    set_rect({ 0, 0, m.screen_w, m.screen_h });
    int const width = std::min(m.screen_w - 2 * m.margin, m.content_w);
    int const inner_w = width - 2 * m.margin;
    auto title_label = std::make_unique<Label>(std::move(title), m.text_title, FontWeight::bold, Align::center);
    int const title_h = title_label->height_for(fonts, inner_w);
    auto body_label = std::make_unique<Label>(std::move(body), m.text_body, FontWeight::regular, Align::center);
    // Room for a body one line longer than now (a countdown's digits may change its width).
    int const body_h = body_label->height_for(fonts, inner_w) + fonts.line_height(m.text_body, FontWeight::regular);
    int const buttons_h = static_cast<int>(choices.size()) * (m.button_h + m.gap);
    int const height = m.margin * 2 + title_h + m.gap + body_h + m.gap + buttons_h;
    m_panel = { (m.screen_w - width) / 2, (m.screen_h - height) / 2, width, height };
    int y = m_panel.y + m.margin;
    title_label->set_rect({ m_panel.x + m.margin, y, inner_w, title_h });
    add(std::move(title_label));
    y += title_h + m.gap;
    body_label->set_rect({ m_panel.x + m.margin, y, inner_w, body_h });
    m_body = &add(std::move(body_label));
    y += body_h + m.gap;
    for (auto& choice : choices) {
        auto& button = add(std::make_unique<Button>(std::move(choice.text), m.text_button,
            choice.primary ? ButtonKind::primary : ButtonKind::secondary, std::move(choice.action)));
        button.set_rect({ m_panel.x + m.margin, y, inner_w, m.button_h });
        y += m.button_h + m.gap;
    }
}

void Dialog::set_body(std::string body) { m_body->set_text(std::move(body)); }

void Dialog::draw(DrawContext& context)
{
    // Dim what is under the dialog, then the panel with a border.
    context.canvas.fill_rect(rect(), { 0, 0, 0, 170 });
    int const border = std::max(3, context.metrics.gap / 6);
    context.canvas.fill_rect(m_panel, context.theme.border);
    context.canvas.fill_rect(m_panel.inset(border), context.theme.background);
    Container::draw(context);
}

bool Dialog::press(Point point, std::chrono::steady_clock::time_point at)
{
    Container::press(point, at);
    return true;
}

} // namespace kiosk::ui
