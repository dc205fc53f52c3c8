// SPDX-License-Identifier: MIT
#pragma once

// The layout of the screens that tell the citizen something and offer one way on (the error
// screen, the printer-paused screen): title, paragraphs that scroll if a small screen needs it,
// and one large button at the bottom, always in reach, that goes back.

#include "ui/screens/screen.hpp"

#include <initializer_list>
#include <string_view>

namespace kiosk::ui {

/// One paragraph: the string key, its size and weight, and the space above it.
struct Paragraph {
    std::string_view key;
    int size_px = 0;
    FontWeight weight = FontWeight::regular;
    int gap_before = 0;
};

/// Fills @p screen (after clear_children()) with the chrome titled by @p title_key, the
/// paragraphs, and the button @p button_key that goes back.
void build_message_screen(Screen& screen, ScreenHost& host, std::string_view title_key,
    std::initializer_list<Paragraph> paragraphs, std::string_view button_key);

} // namespace kiosk::ui
