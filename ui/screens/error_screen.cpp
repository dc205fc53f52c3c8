// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"

namespace kiosk::ui {

namespace {

class ErrorScreen final : public Screen {
public:
    ErrorScreen(std::string message_key, std::string advice_key)
        : m_message_key(std::move(message_key))
        , m_advice_key(std::move(advice_key))
    {
    }

    [[nodiscard]] std::string_view name() const noexcept override { return "error"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("error.title"));
        // The button stays in reach at the bottom; the words scroll if a small screen needs it.
        auto& words = add(std::make_unique<ScrollView>());
        words.set_rect({ content.x, content.y, content.w, std::max(0, content.h - m.button_h - m.gap) });
        auto add_label = [&](std::string_view key, int size, FontWeight weight, int gap_before) {
            auto label = std::make_unique<Label>(host.tr(key), size, weight, Align::start, LabelTone::normal);
            int const h = label->height_for(host.fonts(), content.w);
            words.add_row(std::move(label), h, gap_before);
        };
        add_label(m_message_key, m.text_title, FontWeight::regular, m.gap);
        add_label("error.what_to_do", m.text_body, FontWeight::bold, m.gap * 2);
        add_label(m_advice_key, m.text_body, FontWeight::regular, m.gap);
        auto& again = add(std::make_unique<Button>(host.tr("error.try_again"), m.text_button, ButtonKind::primary,
            [&host] { host.navigate({ NavRequest::Kind::back, {} }); }));
        again.set_rect({ content.x, content.bottom() - m.button_h, content.w, m.button_h });
    }

private:
    std::string m_message_key;
    std::string m_advice_key;
};

} // namespace

std::unique_ptr<Screen> make_error_screen(std::string message_key, std::string advice_key)
{
    return std::make_unique<ErrorScreen>(std::move(message_key), std::move(advice_key));
}

} // namespace kiosk::ui
