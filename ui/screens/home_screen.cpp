// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"

namespace kiosk::ui {

namespace {

class HomeScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "home"; }

    /// The question, the three choices with what each is for, then what to do.
    [[nodiscard]] std::string instruction(ScreenHost& host) const override
    {
        std::string text = host.tr("home.title") + ' ' + host.tr("speech.home_choices");
        for (auto const& [title, detail] : { std::pair { "home.procedures", "home.procedures_detail" },
                 std::pair { "home.dossier", "home.dossier_detail" }, std::pair { "home.id", "home.id_detail" } })
            text += ' ' + host.tr(title) + ": " + host.tr(detail) + '.';
        return text + ' ' + host.tr("speech.home_end");
    }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("home.title"), { false, false, true });
        struct Choice {
            std::string_view title;
            std::string_view detail;
            std::unique_ptr<Screen> (*make)();
        };
        Choice const choices[] = {
            { "home.procedures", "home.procedures_detail", &make_procedures_screen },
            { "home.dossier", "home.dossier_detail", &make_dossier_entry_screen },
            { "home.id", "home.id_detail", &make_id_entry_screen },
        };
        int const count = static_cast<int>(std::size(choices));
        // Portrait: one above the other; landscape: side by side. They shrink to fit the
        // screen, never below the touch minimum.
        bool const side_by_side = m.screen_w > m.screen_h;
        int const h = side_by_side ? std::max(m.min_touch, std::min(content.h, m.big_button_h * 2))
                                   : std::max(m.min_touch, std::min((content.h + m.gap) / count - m.gap, m.big_button_h * 2));
        int const w = side_by_side ? (content.w - (count - 1) * m.gap) / count : content.w;
        Column column(content, m.gap);
        int index = 0;
        for (auto const& choice : choices) {
            auto make = choice.make;
            auto& button = add(std::make_unique<Button>(host.tr(choice.title), m.text_title, ButtonKind::primary,
                [&host, make] { host.navigate({ NavRequest::Kind::push, make }); }));
            button.set_detail(host.tr(choice.detail), m.text_body);
            if (side_by_side)
                button.set_rect({ content.x + index * (w + m.gap), content.y, w, h });
            else
                button.set_rect(column.take(h));
            ++index;
        }
    }
};

} // namespace

std::unique_ptr<Screen> make_home_screen() { return std::make_unique<HomeScreen>(); }

} // namespace kiosk::ui
