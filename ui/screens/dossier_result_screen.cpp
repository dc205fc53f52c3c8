// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"

namespace kiosk::ui {

namespace {

class DossierResultScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "dossier_result"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("dossier.result_title"));
        auto& words = add(std::make_unique<ScrollView>());
        words.set_rect(content);
        auto const& result = host.session().dossier_result;
        std::string const text = result ? std::string(host.tr(status::state_message_key(result->dossier.state)))
                                        : host.tr("dossier.no_result");
        auto label = std::make_unique<Label>(text, m.text_title, FontWeight::bold, Align::start, LabelTone::normal);
        int const h = label->height_for(host.fonts(), content.w);
        words.add_row(std::move(label), h, m.gap);
    }
};

} // namespace

std::unique_ptr<Screen> make_dossier_result_screen() { return std::make_unique<DossierResultScreen>(); }

} // namespace kiosk::ui
