// SPDX-License-Identifier: MIT
#include "ui/widgets/label.hpp"

namespace kiosk::ui {

Label::Label(std::string text, int size_px, FontWeight weight, Align align, LabelTone tone)
    : m_text(std::move(text))
    , m_size(size_px)
    , m_weight(weight)
    , m_align(align)
    , m_tone(tone)
{
}

TextStyle Label::style(Theme const& theme) const
{
    Color const color = m_tone == LabelTone::muted ? theme.text_muted
        : m_tone == LabelTone::on_bar                  ? theme.on_bar
                                                       : theme.text;
    return { m_size, m_weight, color };
}

int Label::height_for(Fonts& fonts, int width_px)
{
    m_wrapped.layout(fonts, m_text, width_px, { m_size, m_weight, {} });
    return m_wrapped.height();
}

void Label::draw(DrawContext& context)
{
    auto const s = style(context.theme);
    m_wrapped.layout(context.text.fonts(), m_text, rect().w, s);
    m_wrapped.draw(context, rect(), s, m_align);
}

void Label::collect_texts(std::vector<TextHit>& out) const
{
    if (!m_text.empty())
        out.push_back({ m_text, rect(), false });
}

} // namespace kiosk::ui
