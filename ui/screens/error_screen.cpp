// SPDX-License-Identifier: MIT
#include "ui/screens/message_layout.hpp"
#include "ui/screens/screens.hpp"

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
        build_message_screen(*this, host, "error.title",
            { { m_message_key, m.text_title, FontWeight::regular, m.gap },
                { "error.what_to_do", m.text_body, FontWeight::bold, m.gap * 2 },
                { m_advice_key, m.text_body, FontWeight::regular, m.gap } },
            "error.try_again");
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
