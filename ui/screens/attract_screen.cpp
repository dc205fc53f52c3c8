// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"

namespace kiosk::ui {

namespace {

class AttractScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "attract"; }

    /// What the kiosk can do, then how to start.
    [[nodiscard]] std::string instruction(ScreenHost& host) const override
    {
        std::string text;
        for (auto key : { "attract.title", "attract.lead", "attract.can_procedures", "attract.can_dossier",
                 "attract.can_id" }) {
            // Each line a sentence of its own, so the voice pauses between them.
            std::string const& line = host.tr(key);
            text += line;
            if (!line.empty() && std::string_view(".!?:").find(line.back()) == std::string_view::npos)
                text += '.';
            text += ' ';
        }
        // A pause after the list, then the button's own words.
        return text + host.strings().format("speech.attract_end", { { "button", host.tr("attract.start") } });
    }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, {}, { false, false, false });
        // The bottom bar is empty here: the start button takes its place too.
        Rect const area { content.x, content.y, content.w, m.screen_h - content.y - m.margin };
        // Landscape: what the kiosk can do on the left, the start button on the right.
        bool const side_by_side = m.screen_w > m.screen_h;
        int const text_w = side_by_side ? (area.w - m.gap) * 3 / 5 : area.w;
        Column column({ area.x, area.y, text_w, area.h }, m.gap);
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
        Rect button_area = column.rest();
        if (side_by_side)
            button_area = { area.x + text_w + m.gap, area.y, area.w - text_w - m.gap, area.h };
        // Never below the touch minimum, never past the screen's edge.
        int const h = std::min(std::max(button_area.h, m.button_h), m.screen_h - button_area.y - m.bar_pad);
        auto& start = add(std::make_unique<Button>(host.tr("attract.start"), m.text_huge, ButtonKind::primary,
            [&host] { host.navigate({ NavRequest::Kind::start, {} }); }));
        start.set_rect({ button_area.x, button_area.y, button_area.w, h });
    }
};

} // namespace

std::unique_ptr<Screen> make_attract_screen() { return std::make_unique<AttractScreen>(); }

} // namespace kiosk::ui
