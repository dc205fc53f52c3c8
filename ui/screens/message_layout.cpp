// SPDX-License-Identifier: MIT
#include "ui/screens/message_layout.hpp"

#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"

#include <algorithm>
#include <memory>

namespace kiosk::ui {

void build_message_screen(Screen& screen, ScreenHost& host, std::string_view title_key,
    std::initializer_list<Paragraph> paragraphs, std::string_view button_key)
{
    Metrics const& m = host.metrics();
    Rect const content = add_chrome(screen, host, host.tr(title_key));
    auto& words = screen.add(std::make_unique<ScrollView>());
    words.set_rect({ content.x, content.y, content.w, std::max(0, content.h - m.button_h - m.gap) });
    for (auto const& paragraph : paragraphs) {
        auto label = std::make_unique<Label>(
            host.tr(paragraph.key), paragraph.size_px, paragraph.weight, Align::start, LabelTone::normal);
        int const h = label->height_for(host.fonts(), content.w);
        words.add_row(std::move(label), h, paragraph.gap_before);
    }
    auto& button = screen.add(std::make_unique<Button>(host.tr(button_key), m.text_button, ButtonKind::primary,
        [&host] { host.navigate({ NavRequest::Kind::back, {} }); }));
    button.set_rect({ content.x, content.bottom() - m.button_h, content.w, m.button_h });
}

} // namespace kiosk::ui
