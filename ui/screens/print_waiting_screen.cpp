// SPDX-License-Identifier: MIT
#include "ui/screens/print_waiting_screen.hpp"

#include "ui/screens/message_layout.hpp"

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
        build_message_screen(*this, host, "print.waiting_title",
            { { m_message_key, m.text_title, FontWeight::regular, m.gap },
                { "print.you_can_go_on", m.text_body, FontWeight::regular, m.gap * 2 } },
            "print.continue");
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
