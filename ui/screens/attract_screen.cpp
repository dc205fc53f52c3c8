// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"

#include <vector>

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
        // The lines in the order shown; on a small panel the least needed give way first (the
        // lead, the center's name, the greeting), then what the kiosk can do is set smaller, so
        // that it and the button both fit.
        struct Line {
            char const* key;
            int size;
            FontWeight weight;
            Align align;
            int drop_rank; ///< 0: always shown; higher goes first
            int gap_before = 0;
        };
        std::vector<Line> const lines { { "app.name", m.text_huge, FontWeight::bold, Align::center, 0 },
            { "app.center", m.text_body, FontWeight::regular, Align::center, 2 },
            { "attract.title", m.text_title, FontWeight::bold, Align::start, 1, m.gap + m.gap },
            { "attract.lead", m.text_body, FontWeight::regular, Align::start, 3 },
            { "attract.can_procedures", m.text_body, FontWeight::bold, Align::start, 0 },
            { "attract.can_dossier", m.text_body, FontWeight::bold, Align::start, 0 },
            { "attract.can_id", m.text_body, FontWeight::bold, Align::start, 0 } };
        std::vector<std::unique_ptr<Label>> labels;
        std::vector<int> heights;
        int total = 0;
        for (auto const& line : lines) {
            labels.push_back(std::make_unique<Label>(host.tr(line.key), line.size, line.weight, line.align));
            heights.push_back(labels.back()->height_for(host.fonts(), column.width()));
            total += heights.back() + m.gap + line.gap_before;
        }
        // Portrait: the start button below the lines needs at least its touch height.
        int const room = area.h - (side_by_side ? 0 : m.button_h + 2 * m.gap);
        for (int rank = 3; rank >= 1 && total > room; --rank)
            for (std::size_t i = 0; i < lines.size(); ++i)
                if (lines[i].drop_rank == rank && labels[i]) {
                    total -= heights[i] + m.gap + lines[i].gap_before;
                    labels[i].reset();
                }
        if (total > room)
            for (std::size_t i = 0; i < lines.size(); ++i)
                if (labels[i] && lines[i].size == m.text_body) {
                    labels[i] = std::make_unique<Label>(host.tr(lines[i].key), m.text_small, lines[i].weight, lines[i].align);
                    heights[i] = labels[i]->height_for(host.fonts(), column.width());
                }
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (!labels[i])
                continue;
            if (lines[i].gap_before > 0)
                column.take(lines[i].gap_before - m.gap);
            add(std::move(labels[i])).set_rect(column.take(heights[i]));
        }
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
