// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"

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
        Column column(content, m.gap);
        auto add_label = [&](std::string_view key, int size, FontWeight weight, LabelTone tone) {
            auto& label = add(std::make_unique<Label>(host.tr(key), size, weight, Align::start, tone));
            label.set_rect(column.take(label.height_for(host.fonts(), column.width())));
        };
        add_label(m_message_key, m.text_title, FontWeight::regular, LabelTone::normal);
        column.take(m.gap);
        add_label("error.what_to_do", m.text_body, FontWeight::bold, LabelTone::normal);
        add_label(m_advice_key, m.text_body, FontWeight::regular, LabelTone::normal);
        column.take(m.gap);
        auto& again = add(std::make_unique<Button>(host.tr("error.try_again"), m.text_button, ButtonKind::primary,
            [&host] { host.navigate({ NavRequest::Kind::back, {} }); }));
        again.set_rect(column.take(m.button_h));
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
