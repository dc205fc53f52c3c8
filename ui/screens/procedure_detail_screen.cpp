// SPDX-License-Identifier: MIT
#include "ui/screens/procedure_text.hpp"
#include "ui/screens/screens.hpp"
#include "ui/screens/slip_labels.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/qr_image.hpp"
#include "ui/widgets/scroll_view.hpp"

#include <codes/qr_encoder.hpp>
#include <receipt/slips.hpp>

#include <algorithm>

namespace kiosk::ui {

namespace {

/// What the checklist receipt says about @p procedure (documents numbered by the receipt).
receipt::Checklist checklist_for(ScreenHost& host, catalog::Procedure const& procedure)
{
    receipt::Checklist checklist;
    checklist.center = host.tr("app.center");
    checklist.procedure_code = procedure.code;
    checklist.procedure = procedure.name;
    for (auto const& document : procedure.documents) {
        std::string line = document.name;
        if (auto const copies = copies_text(host, document); !copies.empty())
            line += " (" + copies + ")";
        checklist.documents.push_back(std::move(line));
    }
    if (!procedure.channels.empty()) {
        checklist.fee = fee_text(host, procedure.channels.front().fee_vnd);
        checklist.processing_time = days_text(host, procedure.channels.front().processing_days);
    }
    checklist.lookup_url = procedure_public_url(procedure.code);
    checklist.labels = slip_labels(host);
    return checklist;
}

/// One procedure: its facts in a scroll view, and below it (always in view) the QR for the
/// citizen's phone and the "print checklist" button.
class ProcedureDetailScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "procedure_detail"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("procedures.detail_title"));
        auto const* store = host.services().catalog;
        std::optional<catalog::Procedure> procedure;
        bool readable = store != nullptr;
        if (store != nullptr) {
            auto found = store->find(host.session().procedure_code);
            readable = found.has_value();
            if (found)
                procedure = std::move(*found);
        }
        if (!procedure) {
            Column column(content, m.gap);
            for (auto key : { readable ? "procedure.not_found" : "error.catalog_unavailable", "error.ask_counter" }) {
                auto& label = add(std::make_unique<Label>(host.tr(key), m.text_body, FontWeight::bold));
                label.set_rect(column.take(label.height_for(host.fonts(), column.width())));
            }
            return;
        }

        // The QR and the print button along the bottom of the content, the facts above.
        int const qr_side = std::min(content.w * 2 / 5, content.h * 3 / 10);
        int const actions_h = std::max(qr_side, actions_height(host, content.w - qr_side - m.gap));
        Rect const actions { content.x, content.bottom() - actions_h, content.w, actions_h };
        auto& facts = add(std::make_unique<ScrollView>());
        facts.set_rect({ content.x, content.y, content.w, std::max(0, actions.y - m.gap - content.y) });
        add_facts(host, facts, *procedure);
        add_actions(host, actions, qr_side, *procedure);
    }

private:
    void add_facts(ScreenHost& host, ScrollView& facts, catalog::Procedure const& procedure)
    {
        Metrics const& m = host.metrics();
        auto heading = [&](std::string_view key) { add_text_row(host, facts, host.tr(key), m.text_button, true); };
        add_text_row(host, facts, localized(host, procedure.name, procedure.name_en), m.text_title, true);
        add_text_row(host, facts, host.strings().format("procedure.code", { { "code", procedure.code } }), m.text_small,
            false, true);

        heading("procedures.documents");
        int number = 1;
        for (auto const& document : procedure.documents) {
            add_text_row(host, facts, std::to_string(number++) + ". " + document.name);
            add_text_row(host, facts, copies_text(host, document), m.text_small, false, true);
        }

        // One line when every channel costs and takes the same, else one per channel.
        auto per_channel = [&](auto value_of, auto note_of) {
            if (procedure.channels.empty())
                return;
            std::string const first = value_of(procedure.channels.front());
            bool const same = std::all_of(procedure.channels.begin(), procedure.channels.end(),
                [&](catalog::Channel const& c) { return value_of(c) == first; });
            if (same) {
                add_text_row(host, facts, first);
                for (auto const& channel : procedure.channels)
                    if (!note_of(channel).empty()) {
                        if (note_of(channel) != first)
                            add_text_row(host, facts, note_of(channel), m.text_small, false, true);
                        break;
                    }
                return;
            }
            for (auto const& channel : procedure.channels) {
                std::string const value = value_of(channel);
                add_text_row(host, facts,
                    host.strings().format(
                        "procedure.channel_line", { { "channel", channel_text(host, channel.kind) }, { "value", value } }));
                if (!note_of(channel).empty() && note_of(channel) != value)
                    add_text_row(host, facts, note_of(channel), m.text_small, false, true);
            }
        };
        heading("procedures.fee");
        per_channel([&](catalog::Channel const& c) { return fee_text(host, c.fee_vnd); },
            [](catalog::Channel const& c) -> std::string const& { return c.fee_note; });
        heading("procedures.time");
        per_channel([&](catalog::Channel const& c) { return days_text(host, c.processing_days); },
            [](catalog::Channel const& c) -> std::string const& { return c.processing_note; });

        heading("procedures.where");
        add_text_row(host, facts, procedure.implementing_agency);
        std::string channels;
        for (auto const& channel : procedure.channels)
            channels += (channels.empty() ? "" : ", ") + channel_text(host, channel.kind);
        add_text_row(host, facts, host.strings().format("procedure.how", { { "channels", channels } }));

        heading("procedure.online");
        switch (procedure.online_level) {
        case catalog::OnlineLevel::full:
            add_text_row(host, facts, host.tr("procedure.online_full"));
            break;
        case catalog::OnlineLevel::partial:
            add_text_row(host, facts, host.tr("procedure.online_partial"));
            break;
        case catalog::OnlineLevel::none:
            add_text_row(host, facts, host.tr("procedure.online_none"));
            break;
        }

        if (!procedure.result.empty()) {
            heading("procedure.result");
            add_text_row(host, facts, procedure.result);
        }
    }

    /// Height of the print button (or the "no printer" note) and the QR hint at @p width.
    static int actions_height(ScreenHost& host, int width)
    {
        Metrics const& m = host.metrics();
        int const top = host.services().printer != nullptr
            ? print_height(host, width)
            : Label(host.tr("procedure.no_printer"), m.text_small, FontWeight::bold).height_for(host.fonts(), width);
        return top + m.gap + Label(host.tr("procedure.qr_hint"), m.text_small).height_for(host.fonts(), width);
    }
    static int print_height(ScreenHost& host, int width)
    {
        Metrics const& m = host.metrics();
        return std::max(m.button_h, row_height(host, host.tr("procedure.print"), m.text_button, {}, width));
    }

    void add_actions(ScreenHost& host, Rect actions, int qr_side, catalog::Procedure const& procedure)
    {
        Metrics const& m = host.metrics();
        auto const url = procedure_public_url(procedure.code);
        int text_x = actions.x;
        if (auto modules = codes::QrEncoder::encode(url)) {
            auto& qr = add(std::make_unique<QrImage>(std::move(*modules)));
            qr.set_rect({ actions.x, actions.y, qr_side, qr_side });
            text_x += qr_side + m.gap;
        }
        Column column({ text_x, actions.y, actions.right() - text_x, actions.h }, m.gap);
        if (auto* printer = host.services().printer) {
            auto checklist = checklist_for(host, procedure);
            auto& print = add(std::make_unique<Button>(host.tr("procedure.print"), m.text_button, ButtonKind::primary,
                [&host, printer, checklist] {
                    printer->print(receipt::compose_checklist(checklist));
                    host.toast("procedure.printing");
                }));
            print.set_rect(column.take(print_height(host, column.width())));
        } else {
            auto& none = add(std::make_unique<Label>(host.tr("procedure.no_printer"), m.text_small, FontWeight::bold));
            none.set_rect(column.take(none.height_for(host.fonts(), column.width())));
        }
        auto& hint = add(std::make_unique<Label>(
            host.tr("procedure.qr_hint"), m.text_small, FontWeight::regular, Align::start, LabelTone::muted));
        hint.set_rect(column.take(hint.height_for(host.fonts(), column.width())));
    }
};

} // namespace

std::unique_ptr<Screen> make_procedure_detail_screen() { return std::make_unique<ProcedureDetailScreen>(); }

} // namespace kiosk::ui
