// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/text_draw.hpp"

#include <string>

namespace kiosk::ui {

/// Which colour a label uses from the theme.
enum class LabelTone {
    normal,
    muted,
    on_bar, ///< on the top or bottom bar (theme.bar)
};

/// Text wrapped to the label's width (by measured width, see wrap_text()).
class Label final : public Widget {
public:
    Label(std::string text, int size_px, FontWeight weight = FontWeight::regular, Align align = Align::start,
        LabelTone tone = LabelTone::normal);

    void set_text(std::string text) { m_text = std::move(text); }
    [[nodiscard]] std::string const& text() const noexcept { return m_text; }
    /// Height the text needs at @p width_px (wraps it); use to lay out before drawing.
    int height_for(Fonts& fonts, int width_px);

    void draw(DrawContext& context) override;
    void collect_texts(std::vector<TextHit>& out) const override;

private:
    TextStyle style(Theme const& theme) const;
    std::string m_text;
    int m_size;
    FontWeight m_weight;
    Align m_align;
    LabelTone m_tone;
    WrappedText m_wrapped;
};

} // namespace kiosk::ui
