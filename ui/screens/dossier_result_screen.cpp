// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/screens/slip_labels.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"

#include <receipt/slips.hpp>
#include <status/dossier.hpp>
#include <status/holiday_calendar.hpp>
#include <status/working_days.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <string>

namespace kiosk::ui {

namespace {

/// Viet Nam's clock is UTC+7 all year.
constexpr std::chrono::hours VIETNAM_OFFSET { 7 };

/// "08/07/2025": the way dates are written in Viet Nam (and on the receipt).
std::string day_text(status::Date date)
{
    std::chrono::year_month_day const ymd { date };
    std::array<char, 16> buffer {};
    std::snprintf(buffer.data(), buffer.size(), "%02u/%02u/%04d", static_cast<unsigned>(ymd.day()),
        static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
    return buffer.data();
}

/// "10:42" in Viet Nam's time for @p at.
std::string clock_text(std::chrono::system_clock::time_point at)
{
    auto const local = std::chrono::floor<std::chrono::minutes>(at + VIETNAM_OFFSET);
    auto const minutes = (local - std::chrono::floor<std::chrono::days>(local)).count();
    std::array<char, 8> buffer {};
    std::snprintf(buffer.data(), buffer.size(), "%02d:%02d", static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
    return buffer.data();
}

/// "01/07/2025 15:00" in Viet Nam's time, for the slip.
std::string stamp_text(std::chrono::system_clock::time_point at)
{
    return day_text(status::vietnam_day(at)) + " " + clock_text(at);
}

/// 200000 -> "200.000" (Vietnamese) or "200,000" (English).
std::string grouped(std::int64_t amount, char separator)
{
    std::string digits = std::to_string(amount < 0 ? -amount : amount);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out.push_back(separator);
        out.push_back(digits[i]);
    }
    return out;
}

std::string step_key(status::StepKind kind) { return "status.step." + std::string(status::step_name(kind)); }

/// Whether the timeline already has a step of @p kind.
bool has_step(status::Dossier const& dossier, status::StepKind kind)
{
    return std::any_of(dossier.timeline.begin(), dossier.timeline.end(),
        [kind](status::TimelineStep const& step) { return step.kind == kind; });
}

/// Everything the screen says, in order; built once per build() from the session's dossier.
class DossierResultScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "dossier_result"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("dossier.result_title"));
        auto const& result = host.session().dossier_result;
        bool const can_print = result.has_value() && host.services().printer != nullptr;
        int const words_h = can_print ? std::max(0, content.h - m.button_h - m.gap) : content.h;
        m_words = &add(std::make_unique<ScrollView>());
        m_words->set_rect({ content.x, content.y, content.w, words_h });
        m_width = content.w;
        if (!result) {
            line(host, host.tr("dossier.no_result"), m.text_body, FontWeight::regular, LabelTone::normal, m.gap);
            return;
        }
        describe(host, *result);
        if (can_print) {
            auto& print = add(std::make_unique<Button>(
                host.tr("dossier.print_slip"), m.text_button, ButtonKind::primary, [&host] { print_slip(host); }));
            print.set_rect({ content.x, content.bottom() - m.button_h, content.w, m.button_h });
        }
    }

private:
    void line(ScreenHost& host, std::string text, int size, FontWeight weight, LabelTone tone, int gap_before)
    {
        auto label = std::make_unique<Label>(std::move(text), size, weight, Align::start, tone);
        int const h = label->height_for(host.fonts(), m_width);
        m_words->add_row(std::move(label), h, gap_before);
    }

    void describe(ScreenHost& host, status::LookupResult const& result)
    {
        Metrics const& m = host.metrics();
        StringCatalog const& s = host.strings();
        status::Dossier const& d = result.dossier;
        status::HolidayCalendar const& calendar = status::HolidayCalendar::vietnam();
        auto const now = host.wall_now();
        status::Date const today = status::vietnam_day(now);

        line(host, s.format("dossier.code_line", { { "code", d.code } }), m.text_body, FontWeight::bold,
            LabelTone::normal, 0);
        if (!d.procedure_name.empty())
            line(host, d.procedure_name, m.text_body, FontWeight::regular, LabelTone::normal, m.gap / 2);
        // An answer from the cache says how old it is, before anything else.
        if (result.source == status::Source::cache) {
            std::string const when = clock_text(result.as_of);
            std::string text = status::vietnam_day(result.as_of) == today
                ? s.format("dossier.as_of_today", { { "time", when } })
                : s.format("dossier.as_of_date", { { "time", when }, { "date", day_text(status::vietnam_day(result.as_of)) } });
            line(host, std::move(text), m.text_body, FontWeight::bold, LabelTone::normal, m.gap);
        }

        line(host, host.tr("dossier.now"), m.text_body, FontWeight::regular, LabelTone::muted, m.gap);
        line(host, host.tr(status::state_message_key(d.state)), m.text_title, FontWeight::bold, LabelTone::normal, 0);
        if (!status::is_closed(d.state) && !d.handling_agency.empty())
            line(host, s.format("dossier.agency_now", { { "agency", d.handling_agency } }), m.text_body,
                FontWeight::regular, LabelTone::muted, m.gap / 2);

        // The due date, and how late it is in working days (the clock stops while the office
        // waits for the citizen's papers, and a ready result is never late).
        if (!status::is_closed(d.state)) {
            if (d.due) {
                line(host, s.format("dossier.due", { { "date", day_text(*d.due) } }), m.text_body, FontWeight::bold,
                    LabelTone::normal, m.gap);
                if (status::is_overdue(d, today)) {
                    int const late = status::working_days_between(calendar, *d.due, today);
                    if (late > 0)
                        line(host, s.format("dossier.late", { { "days", std::to_string(late) } }), m.text_body,
                            FontWeight::bold, LabelTone::normal, m.gap / 2);
                }
            } else if (d.state == status::DossierState::supplement_requested) {
                line(host, host.tr("dossier.due_paused"), m.text_body, FontWeight::regular, LabelTone::normal, m.gap);
            }
        }

        // The timeline in plain words: what happened, then what is still to come.
        line(host, host.tr("dossier.timeline"), m.text_body, FontWeight::bold, LabelTone::normal, m.gap * 2);
        for (auto const& step : d.timeline) {
            line(host, s.format("dossier.step_done", { { "date", day_text(step.date) }, { "what", host.tr(step_key(step.kind)) } }),
                m.text_body, FontWeight::regular, LabelTone::normal, m.gap / 2);
            if (!step.agency.empty())
                line(host, step.agency, m.text_small, FontWeight::regular, LabelTone::muted, 0);
        }
        bool const open = d.state == status::DossierState::received || d.state == status::DossierState::in_progress
            || d.state == status::DossierState::supplement_requested;
        if (open && !has_step(d, status::StepKind::processing))
            line(host, host.tr("dossier.coming_processing"), m.text_body, FontWeight::regular, LabelTone::muted, m.gap / 2);
        if (open)
            line(host, host.tr("dossier.coming_result"), m.text_body, FontWeight::regular, LabelTone::muted, m.gap / 2);

        // What the citizen does next.
        auto const next = status::next_step(d);
        line(host, host.tr("dossier.next_title"), m.text_body, FontWeight::bold, LabelTone::normal, m.gap * 2);
        line(host, host.tr(next.message_key), m.text_body, FontWeight::regular, LabelTone::normal, m.gap / 2);
        if (next.kind == status::NextStepKind::bring_documents) {
            for (auto const& document : d.documents_requested)
                line(host, s.format("dossier.document_line", { { "document", document } }), m.text_body,
                    FontWeight::regular, LabelTone::normal, m.gap / 2);
        }
        if (d.fee && d.fee->amount_vnd > 0) {
            char const separator = host.session().settings.language == Language::vi ? '.' : ',';
            line(host,
                s.format(d.fee->paid ? "dossier.fee_paid" : "dossier.fee_due",
                    { { "amount", grouped(d.fee->amount_vnd, separator) } }),
                m.text_body, FontWeight::regular, LabelTone::normal, m.gap / 2);
        }
    }

    static void print_slip(ScreenHost& host)
    {
        auto const& result = host.session().dossier_result;
        PrintService* printer = host.services().printer;
        if (!result || printer == nullptr)
            return;
        status::Dossier const& d = result->dossier;
        receipt::StatusSlip slip;
        slip.center = host.tr("app.center");
        slip.code = d.code;
        slip.procedure = d.procedure_name;
        slip.state = host.tr(status::state_message_key(d.state));
        slip.received = day_text(d.received);
        if (d.due)
            slip.due = day_text(*d.due);
        slip.next_step = host.tr(status::next_step(d).message_key);
        slip.lookup_url = dossier_lookup_url(d.code);
        slip.printed_at = stamp_text(host.wall_now());
        slip.labels = slip_labels(host);
        // "Printing, take it"; the print service tells the citizen when it cannot (out of paper).
        host.toast("dossier.printing");
        printer->print(receipt::compose_status_slip(slip));
    }

    ScrollView* m_words = nullptr;
    int m_width = 0;
};

} // namespace

std::string dossier_lookup_url(std::string_view code)
{
    return "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?maHoSo=" + std::string(code);
}

std::unique_ptr<Screen> make_dossier_result_screen() { return std::make_unique<DossierResultScreen>(); }

} // namespace kiosk::ui
