// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/text_draw.hpp"

#include <string>

namespace kiosk::ui {

/// Shows the text being typed (one line, the end kept in view) with a caret, or a grey
/// placeholder while empty. Typing goes through the screen (keyboard, `type` steps).
class TextField final : public Widget {
public:
    TextField(std::string placeholder, int text_px)
        : m_placeholder(std::move(placeholder))
        , m_text_px(text_px)
    {
    }
    void set_text(std::string text) { m_text = std::move(text); }
    [[nodiscard]] std::string const& text() const noexcept { return m_text; }
    void draw(DrawContext& context) override;
    void collect_texts(std::vector<TextHit>& out) const override;
    [[nodiscard]] bool is_text_entry() const noexcept override { return true; }

private:
    std::string m_placeholder;
    std::string m_text;
    int m_text_px;
    std::string m_measured_text;
    int m_measured_px = 0;
    int m_measured_w = 0;
};

} // namespace kiosk::ui
