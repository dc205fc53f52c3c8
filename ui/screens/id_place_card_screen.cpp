// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/progress_bar.hpp"

namespace kiosk::ui {

namespace {

class IdPlaceCardScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "id_place_card"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Column column(add_chrome(*this, host, host.tr("id.place_title")), m.gap);
        auto add_label = [&](std::string_view key, FontWeight weight) {
            auto& label = add(std::make_unique<Label>(host.tr(key), m.text_body, weight));
            label.set_rect(column.take(label.height_for(host.fonts(), column.width())));
        };
        add_label("id.place_hint", FontWeight::regular);
        auto& progress = add(std::make_unique<ProgressBar>());
        progress.set_rect(column.take(std::max(m.gap * 2, m.text_body)));
        // Reading the chip (issue 6) is not wired in yet: say so, and what to do.
        add_label("error.chip_unavailable", FontWeight::bold);
        add_label("error.ask_counter", FontWeight::regular);
    }
};

} // namespace

std::unique_ptr<Screen> make_id_place_card_screen() { return std::make_unique<IdPlaceCardScreen>(); }

} // namespace kiosk::ui
