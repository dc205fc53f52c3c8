// SPDX-License-Identifier: MIT
#include "ui/screens/print_waiting_screen.hpp"

#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"

namespace kiosk::ui {

namespace {

class PrintWaitingScreen final : public Screen {
public:
    explicit PrintWaitingScreen(std::string message_key)
        : m_message_key(std::move(message_key))
    {
    }

    [[nodiscard]] std::string_view name() const noexcept override { return "print_waiting"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("print.waiting_title"));
        auto& words = add(std::make_unique<ScrollView>());
        words.set_rect({ content.x, content.y, content.w, std::max(0, content.h - m.button_h - m.gap) });
        auto add_label = [&](std::string_view key, int size, FontWeight weight, int gap_before) {
            auto label = std::make_unique<Label>(host.tr(key), size, weight, Align::start, LabelTone::normal);
            int const h = label->height_for(host.fonts(), content.w);
            words.add_row(std::move(label), h, gap_before);
        };
        add_label(m_message_key, m.text_title, FontWeight::regular, m.gap);
        add_label("print.you_can_go_on", m.text_body, FontWeight::regular, m.gap * 2);
        auto& go_on = add(std::make_unique<Button>(host.tr("print.continue"), m.text_button, ButtonKind::primary,
            [&host] { host.navigate({ NavRequest::Kind::back, {} }); }));
        go_on.set_rect({ content.x, content.bottom() - m.button_h, content.w, m.button_h });
    }

private:
    std::string m_message_key;
};

} // namespace

std::unique_ptr<Screen> make_print_waiting_screen(std::string message_key)
{
    return std::make_unique<PrintWaitingScreen>(std::move(message_key));
}

} // namespace kiosk::ui
