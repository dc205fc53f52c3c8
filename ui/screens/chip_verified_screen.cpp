// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/photo_image.hpp"
#include "ui/widgets/scroll_view.hpp"

namespace kiosk::ui {

namespace {

    /// "DD/MM/YYYY" for an ISO date; anything else as it is.
    std::string display_date(std::string const& iso)
    {
        if (iso.size() == 10 && iso[4] == '-' && iso[7] == '-')
            return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
        return iso;
    }

    std::string_view verdict_key(ChipVerdict verdict) noexcept
    {
        switch (verdict) {
        case ChipVerdict::verified:
            return "chip.verdict.verified";
        case ChipVerdict::expired:
            return "chip.verdict.expired";
        case ChipVerdict::altered:
            return "chip.verdict.altered";
        case ChipVerdict::not_genuine:
            return "chip.verdict.not_genuine";
        case ChipVerdict::not_checked:
            break;
        }
        return "chip.verdict.not_checked";
    }

    /// What the chip said: the photo, the name, the dates, and whether the chip is genuine in plain
    /// words; "my dossiers" when it is (the gateway only answers for a verified chip).
    class ChipVerifiedScreen final : public Screen {
    public:
        [[nodiscard]] std::string_view name() const noexcept override { return "chip_verified"; }

        void build(ScreenHost& host) override
        {
            clear_children();
            Metrics const& m = host.metrics();
            Rect const content = add_chrome(*this, host, host.tr("chip.verified_title"));
            auto const& card = host.session().chip.card;
            bool const verified = card && card->verdict == ChipVerdict::verified;
            bool const offer_dossiers = verified && host.services().gateway != nullptr;
            // The button stays in reach at the bottom; the rest scrolls if a small screen needs it.
            auto& words = add(std::make_unique<ScrollView>());
            words.set_rect({ content.x, content.y, content.w,
                std::max(0, content.h - (offer_dossiers ? m.button_h + m.gap : 0)) });
            auto add_label = [&](std::string text, FontWeight weight, int size, int gap_before) {
                auto label = std::make_unique<Label>(std::move(text), size, weight);
                int const h = label->height_for(host.fonts(), content.w);
                words.add_row(std::move(label), h, gap_before);
            };
            if (!card) {
                add_label(host.tr("chip.no_card"), FontWeight::regular, m.text_body, 0);
                return;
            }
            add_label(host.tr(verified ? "chip.verified_banner" : "chip.not_verified_banner"), FontWeight::bold,
                m.text_title, 0);
            add_label(host.tr(verdict_key(card->verdict)), FontWeight::regular, m.text_body, m.gap);
            if (card->photo) {
                // A portrait about as tall as three buttons, centred.
                int const h = std::min(m.button_h * 3, content.h / 3);
                words.add_row(std::make_unique<PhotoImage>(*card->photo), h, m.gap * 2);
            }
            add_label(card->full_name, FontWeight::bold, m.text_title, m.gap * 2);
            add_label(host.strings().format("chip.birth_date", { { "date", display_date(card->birth_date) } }),
                FontWeight::regular, m.text_body, m.gap);
            add_label(host.strings().format("chip.expiry_date", { { "date", display_date(card->expiry_date) } }),
                FontWeight::regular, m.text_body, m.gap);
            if (verified && !offer_dossiers)
                add_label(host.tr("chip.no_gateway"), FontWeight::regular, m.text_body, m.gap * 2);
            if (!verified)
                add_label(host.tr("chip.not_verified_advice"), FontWeight::regular, m.text_body, m.gap * 2);
            if (!offer_dossiers)
                return;
            auto& dossiers = add(
                std::make_unique<Button>(host.tr("chip.show_dossiers"), m.text_button, ButtonKind::primary, [&host] {
                    host.navigate({ NavRequest::Kind::push, &make_citizen_dossiers_screen });
                }));
            dossiers.set_rect({ content.x, content.bottom() - m.button_h, content.w, m.button_h });
        }
    };

} // namespace

std::unique_ptr<Screen> make_chip_verified_screen() { return std::make_unique<ChipVerifiedScreen>(); }

} // namespace kiosk::ui
