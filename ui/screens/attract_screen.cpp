// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"

namespace kiosk::ui {

namespace {

class AttractScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "attract"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, {}, { false, false, false });
        // The bottom bar is empty here: the start button takes its place too.
        Rect const area { content.x, content.y, content.w, m.screen_h - content.y - m.margin };
        Column column(area, m.gap);
        auto add_label = [&](std::string_view key, int size, FontWeight weight, Align align) {
            auto& label = add(std::make_unique<Label>(host.tr(key), size, weight, align));
            label.set_rect(column.take(label.height_for(host.fonts(), column.width())));
        };
        add_label("app.name", m.text_huge, FontWeight::bold, Align::center);
        add_label("app.center", m.text_body, FontWeight::regular, Align::center);
        column.take(m.gap);
        add_label("attract.title", m.text_title, FontWeight::bold, Align::start);
        add_label("attract.lead", m.text_body, FontWeight::regular, Align::start);
        for (auto key : { "attract.can_procedures", "attract.can_dossier", "attract.can_id" })
            add_label(key, m.text_body, FontWeight::bold, Align::start);
        column.take(m.gap);
        Rect const rest = column.rest();
        auto& start = add(std::make_unique<Button>(host.tr("attract.start"), m.text_huge, ButtonKind::primary,
            [&host] { host.navigate({ NavRequest::Kind::start, {} }); }));
        start.set_rect({ rest.x, rest.y, rest.w, std::max(m.big_button_h, rest.h) });
    }
};

} // namespace

std::unique_ptr<Screen> make_attract_screen() { return std::make_unique<AttractScreen>(); }

} // namespace kiosk::ui
