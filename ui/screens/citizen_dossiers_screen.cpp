// SPDX-License-Identifier: MIT
#include "ui/app/chip_flow.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"

#include <status/dossier_lookup.hpp>
#include <status/gateway_client.hpp>

#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>

namespace kiosk::ui {

namespace {

    /// The chip's evidence, copied for one gateway request and zeroed when the request is done.
    struct Evidence {
        Bytes sod;
        Bytes dg13;
        Evidence() = default;
        Evidence(Evidence const&) = delete;
        Evidence& operator=(Evidence const&) = delete;
        Evidence(Evidence&&) = delete;
        Evidence& operator=(Evidence&&) = delete;
        ~Evidence()
        {
            wipe_bytes(sod);
            wipe_bytes(dg13);
        }
    };

    /// The gateway's answer on its way to the UI thread; zeroed if it is dropped unused (the
    /// session was wiped meanwhile) or once moved into the session.
    struct Answer {
        std::optional<status::GatewayResult<std::vector<status::Dossier>>> result;
        Answer() = default;
        Answer(Answer const&) = delete;
        Answer& operator=(Answer const&) = delete;
        Answer(Answer&&) = delete;
        Answer& operator=(Answer&&) = delete;
        ~Answer()
        {
            if (result && *result)
                for (auto& dossier : **result)
                    secure_clear(dossier);
        }
    };

    /// The dossiers the gateway holds for the citizen whose chip was just verified: asked once per
    /// session (a task; the gateway verifies the chip's evidence itself), listed with code,
    /// procedure and state; a tap opens the dossier's details (the dossier flow's result screen).
    class CitizenDossiersScreen final : public Screen {
    public:
        [[nodiscard]] std::string_view name() const noexcept override { return "citizen_dossiers"; }

        void build(ScreenHost& host) override
        {
            clear_children();
            Metrics const& m = host.metrics();
            Rect const content = add_chrome(*this, host, host.tr("chip.dossiers_title"));
            ChipFlow& chip = host.session().chip;
            Column column(content, m.gap);
            auto add_label = [&](std::string text, FontWeight weight, int size) {
                auto& label = add(std::make_unique<Label>(std::move(text), size, weight));
                label.set_rect(column.take(label.height_for(host.fonts(), column.width())));
            };
            if (host.services().gateway == nullptr || !chip.card) {
                add_label(host.tr("chip.no_gateway"), FontWeight::regular, m.text_body);
                return;
            }
            if (!chip.dossiers.loaded && !chip.dossiers.loading)
                ask(host);
            if (chip.dossiers.loading) {
                add_label(host.tr("chip.dossiers_loading"), FontWeight::regular, m.text_body);
                return;
            }
            if (!chip.dossiers.error_key.empty()) {
                std::string const& key = chip.dossiers.error_key;
                add_label(
                    host.tr(host.strings().has(key) ? std::string_view(key) : std::string_view("chip.dossiers_error")),
                    FontWeight::bold, m.text_title);
                // A card the gateway does not take as genuine: trying again will not help.
                add_label(host.tr(key == "status.error.chip_refused" ? "chip.not_verified_advice" : "chip.dossiers_error_advice"),
                    FontWeight::regular, m.text_body);
                auto& again = add(std::make_unique<Button>(
                    host.tr("chip.try_again"), m.text_button, ButtonKind::primary, [this, &host] {
                        host.session().chip.dossiers = CitizenDossiers {};
                        mark_stale();
                    }));
                again.set_rect(column.take(m.button_h));
                return;
            }
            if (chip.dossiers.list.empty()) {
                add_label(host.tr("chip.dossiers_none"), FontWeight::regular, m.text_body);
                return;
            }
            add_label(host.strings().format(
                          "chip.dossiers_count", { { "count", std::to_string(chip.dossiers.list.size()) } }),
                FontWeight::regular, m.text_body);
            auto& list = add(std::make_unique<ScrollView>());
            list.set_rect(column.rest());
            for (std::size_t i = 0; i < chip.dossiers.list.size(); ++i) {
                status::Dossier const& dossier = chip.dossiers.list[i];
                auto row = std::make_unique<Button>(
                    dossier.code, m.text_button, ButtonKind::secondary, [&host, i] { open(host, i); });
                std::string procedure
                    = dossier.procedure_name.empty() ? dossier.procedure_code : dossier.procedure_name;
                row->set_detail(procedure + "\n" + host.tr(status::state_message_key(dossier.state)), m.text_small);
                int const h = std::max(m.button_h, m.text_button + 3 * m.text_small + 3 * m.gap);
                list.add_row(std::move(row), h, m.gap);
            }
        }

        void update(ScreenHost& host) override
        {
            CitizenDossiers const& dossiers = host.session().chip.dossiers;
            bool const shown_loading = m_built_loading;
            if (shown_loading != dossiers.loading)
                mark_stale();
            m_built_loading = dossiers.loading;
        }

    private:
        static void open(ScreenHost& host, std::size_t index)
        {
            Session& session = host.session();
            if (index >= session.chip.dossiers.list.size())
                return;
            if (session.dossier_result)
                secure_clear(session.dossier_result->dossier);
            status::LookupResult result;
            result.dossier = session.chip.dossiers.list[index];
            result.source = status::Source::live;
            result.as_of = std::chrono::system_clock::now();
            session.dossier_result = std::move(result);
            host.navigate({ NavRequest::Kind::push, &make_dossier_result_screen });
        }

        void ask(ScreenHost& host)
        {
            ChipFlow& chip = host.session().chip;
            chip.dossiers = CitizenDossiers {};
            chip.dossiers.loading = true;
            m_built_loading = true;
            auto evidence = std::make_shared<Evidence>();
            evidence->sod = chip.card->sod;
            evidence->dg13 = chip.card->dg13;
            status::GatewayClient* gateway = host.services().gateway;
            host.run_task([gateway, evidence](TaskProgress const&) -> UiAction {
                auto answer = gateway->citizen_dossiers(evidence->sod, evidence->dg13);
                wipe_bytes(evidence->sod);
                wipe_bytes(evidence->dg13);
                if (!answer)
                    spdlog::info("citizen dossiers: {}", answer.error().reason);
                auto shared = std::make_shared<Answer>();
                shared->result = std::move(answer);
                return [shared](ScreenHost& ui) {
                    CitizenDossiers& dossiers = ui.session().chip.dossiers;
                    dossiers.loading = false;
                    dossiers.loaded = true;
                    auto& result = *shared->result;
                    if (result) {
                        dossiers.list = std::move(*result);
                        result->clear();
                    } else {
                        dossiers.error_key = std::string(result.error().message_key);
                    }
                };
            });
        }

        bool m_built_loading = false;
    };

} // namespace

std::unique_ptr<Screen> make_citizen_dossiers_screen() { return std::make_unique<CitizenDossiersScreen>(); }

} // namespace kiosk::ui
