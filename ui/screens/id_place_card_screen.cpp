// SPDX-License-Identifier: MIT
#include "ui/app/card_worker.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/progress_bar.hpp"

#include <cmath>

namespace kiosk::ui {

namespace {

    /// "Place your card on the pad": starts the card worker with the key from the typed number or
    /// the scanned QR, shows the read's progress (a bar and the share read), a calm "place it
    /// again" when the card is lifted mid-read, a plain error with what to do, and on success
    /// replaces itself with the "chip verified" screen.
    class IdPlaceCardScreen final : public Screen {
    public:
        IdPlaceCardScreen() = default;
        ~IdPlaceCardScreen() override
        {
            // Leaving the screen (back, home, finish) ends the wait for a card.
            if (m_worker != nullptr)
                m_worker->cancel();
        }
        IdPlaceCardScreen(IdPlaceCardScreen const&) = delete;
        IdPlaceCardScreen& operator=(IdPlaceCardScreen const&) = delete;
        IdPlaceCardScreen(IdPlaceCardScreen&&) = delete;
        IdPlaceCardScreen& operator=(IdPlaceCardScreen&&) = delete;

        [[nodiscard]] std::string_view name() const noexcept override { return "id_place_card"; }

        void build(ScreenHost& host) override
        {
            clear_children();
            m_progress = nullptr;
            m_status = nullptr;
            Metrics const& m = host.metrics();
            Column column(add_chrome(*this, host, host.tr("id.place_title")), m.gap);
            auto add_label = [&](std::string text, FontWeight weight, int size) -> Label& {
                auto& label = add(std::make_unique<Label>(std::move(text), size, weight));
                label.set_rect(column.take(label.height_for(host.fonts(), column.width())));
                return label;
            };
            if (host.services().card_worker == nullptr) {
                add_label(host.tr("error.chip_unavailable"), FontWeight::bold, m.text_body);
                add_label(host.tr("error.ask_counter"), FontWeight::regular, m.text_body);
                return;
            }
            if (!m_started)
                start(host);
            CardReadState const& state = host.session().chip.read;
            m_phase = state.phase;
            switch (state.phase) {
            case CardReadPhase::failed: {
                add_label(host.tr(state.error_key), FontWeight::bold, m.text_title);
                add_label(host.tr("error.what_to_do"), FontWeight::bold, m.text_body);
                add_label(host.tr(state.advice_key), FontWeight::regular, m.text_body);
                auto& again = add(std::make_unique<Button>(
                    host.tr("chip.try_again"), m.text_button, ButtonKind::primary, [this, &host] { restart(host); }));
                again.set_rect(column.take(m.button_h));
                auto& number = add(std::make_unique<Button>(
                    host.tr("chip.change_number"), m.text_button, ButtonKind::secondary, [&host] {
                        host.navigate({ NavRequest::Kind::back, {} });
                    }));
                number.set_rect(column.take(m.button_h));
                return;
            }
            case CardReadPhase::moved_away:
                add_label(host.tr("chip.moved_away"), FontWeight::bold, m.text_title);
                add_label(host.tr("chip.moved_away_hint"), FontWeight::regular, m.text_body);
                break;
            default:
                add_label(host.tr("id.place_hint"), FontWeight::regular, m.text_body);
                break;
            }
            m_progress = &add(std::make_unique<ProgressBar>());
            m_progress->set_rect(column.take(std::max(m.gap * 2, m.text_body)));
            m_status = &add_label(std::string(), FontWeight::bold, m.text_body);
            // The status line may grow to two lines (percent, long words in large text).
            m_status->set_rect({ m_status->rect().x, m_status->rect().y, m_status->rect().w, m.text_body * 3 });
            refresh(host);
        }

        void update(ScreenHost& host) override
        {
            ChipFlow& chip = host.session().chip;
            if (m_worker == nullptr)
                return;
            if (chip.read.phase == CardReadPhase::done && chip.card && !m_left) {
                // The verified screen takes this one's place: "back" from there goes to the number.
                m_left = true;
                host.navigate({ NavRequest::Kind::back, {} });
                host.navigate({ NavRequest::Kind::push, &make_chip_verified_screen });
                return;
            }
            if (chip.read.phase != m_phase) {
                mark_stale();
                return;
            }
            refresh(host);
        }

    private:
        void start(ScreenHost& host)
        {
            m_started = true;
            m_worker = host.services().card_worker;
            Session& session = host.session();
            auto key = session.id_qr ? id::AccessKey::from_id_qr(*session.id_qr)
                                     : id::AccessKey::from_id_number(session.id_digits);
            // A new read: nothing of an earlier card (or its dossiers) stays.
            ChipFlow& chip = session.chip;
            chip.wipe();
            if (!key) {
                chip.read.phase = CardReadPhase::failed;
                chip.read.error_key = "chip.error.no_number";
                chip.read.advice_key = "chip.advice.check_number";
                return;
            }
            chip.read.job = m_worker->start(session.serial(), std::move(*key));
            chip.read.phase = CardReadPhase::waiting;
            if (chip.read.job == 0) {
                chip.read.phase = CardReadPhase::failed;
                chip.read.error_key = "chip.error.unreadable";
                chip.read.advice_key = "error.ask_counter";
            }
        }

        void restart(ScreenHost& host)
        {
            start(host);
            mark_stale();
        }

        void refresh(ScreenHost& host)
        {
            CardReadState const& state = host.session().chip.read;
            double const fraction = state.fraction();
            if (m_progress != nullptr)
                m_progress->set_fraction(fraction);
            if (m_status == nullptr)
                return;
            std::string text;
            switch (state.phase) {
            case CardReadPhase::reading:
                text = host.strings().format(
                    "chip.reading", { { "percent", std::to_string(static_cast<int>(std::lround(fraction * 100))) } });
                break;
            case CardReadPhase::moved_away:
                text = host.tr("chip.waiting_return");
                break;
            case CardReadPhase::done:
                text = host.tr("chip.read_done");
                break;
            default:
                text = host.tr("chip.waiting");
                break;
            }
            if (text != m_status->text())
                m_status->set_text(std::move(text));
        }

        CardWorker* m_worker = nullptr;
        bool m_started = false;
        bool m_left = false;
        CardReadPhase m_phase = CardReadPhase::idle;
        ProgressBar* m_progress = nullptr;
        Label* m_status = nullptr;
    };

} // namespace

std::unique_ptr<Screen> make_id_place_card_screen() { return std::make_unique<IdPlaceCardScreen>(); }

} // namespace kiosk::ui
