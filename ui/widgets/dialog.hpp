// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/container.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kiosk::ui {

class Label;

/// A modal question over the screen: a title, a body and one to three buttons. While it is
/// open the screen under it takes no touches.
class Dialog final : public Container {
public:
    struct Choice {
        std::string text;
        std::function<void()> action;
        bool primary = false;
    };

    /// Lays the dialog out centred on a @p metrics-sized screen.
    Dialog(std::string title, std::string body, std::vector<Choice> choices, Fonts& fonts, Metrics const& metrics);

    /// Replaces the body text (a countdown) without moving the buttons.
    void set_body(std::string body);

    void draw(DrawContext& context) override;
    /// Takes every press, inside or not (modal).
    bool press(Point point, std::chrono::steady_clock::time_point at) override;

private:
    Rect m_panel;
    Label* m_body = nullptr;
};

} // namespace kiosk::ui
