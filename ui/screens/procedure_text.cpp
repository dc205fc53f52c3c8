// SPDX-License-Identifier: MIT
#include "ui/screens/procedure_text.hpp"

#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::ui {

namespace {

/// The national public service portal's procedure page that takes the national code (its other
/// detail page, dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html, wants the portal's internal number,
/// which the catalog does not carry).
constexpr std::string_view PORTAL_PROCEDURE_URL
    = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=";

/// 1234567 -> "1.234.567" (Vietnamese) / "1,234,567" (English).
std::string grouped(std::int64_t value, char separator)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    int const first = static_cast<int>(digits.size() % 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (static_cast<int>(i) - first) % 3 == 0)
            out.push_back(separator);
        out.push_back(digits[i]);
    }
    return value < 0 ? "-" + out : out;
}

bool english(ScreenHost& host) { return host.session().settings.language == Language::en; }

} // namespace

std::string procedure_public_url(std::string_view code) { return std::string(PORTAL_PROCEDURE_URL) + std::string(code); }

std::string const& localized(ScreenHost& host, std::string const& vi, std::string const& en)
{
    return english(host) && !en.empty() ? en : vi;
}

std::string fee_text(ScreenHost& host, std::int64_t fee_vnd)
{
    if (fee_vnd <= 0)
        return host.tr("procedure.fee_free");
    return host.strings().format("procedure.fee_vnd", { { "amount", grouped(fee_vnd, english(host) ? ',' : '.') } });
}

std::string days_text(ScreenHost& host, double days)
{
    if (days <= 0.5)
        return host.tr("procedure.same_day");
    std::string number;
    if (std::abs(days - std::round(days)) < 1e-9) {
        number = std::to_string(static_cast<long long>(std::llround(days)));
    } else {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.1f", days);
        number = buffer;
        if (!english(host))
            for (char& c : number)
                if (c == '.')
                    c = ',';
    }
    return host.strings().format("procedure.days", { { "days", number } });
}

std::string const& channel_text(ScreenHost& host, catalog::ChannelKind kind)
{
    switch (kind) {
    case catalog::ChannelKind::online:
        return host.tr("procedure.channel_online");
    case catalog::ChannelKind::postal:
        return host.tr("procedure.channel_postal");
    case catalog::ChannelKind::in_person:
        break;
    }
    return host.tr("procedure.channel_in_person");
}

std::string copies_text(ScreenHost& host, catalog::Document const& document)
{
    std::string text;
    if (document.originals > 0)
        text = host.strings().format("procedure.doc_originals", { { "count", std::to_string(document.originals) } });
    if (document.copies > 0) {
        if (!text.empty())
            text += ", ";
        text += host.strings().format("procedure.doc_copies", { { "count", std::to_string(document.copies) } });
    }
    return text;
}

std::string summary_text(ScreenHost& host, catalog::Procedure const& procedure, std::string const& field_name)
{
    std::string fee;
    std::string time;
    if (!procedure.channels.empty()) {
        fee = fee_text(host, procedure.channels.front().fee_vnd);
        time = days_text(host, procedure.channels.front().processing_days);
    }
    return host.strings().format("procedure.summary", { { "field", field_name }, { "fee", fee }, { "time", time } });
}

std::map<std::string, std::string> field_names(ScreenHost& host, catalog::CatalogStore const& store)
{
    std::map<std::string, std::string> names;
    auto fields = store.fields();
    if (!fields)
        return names;
    for (auto const& field : *fields)
        names[field.id] = localized(host, field.name, field.name_en);
    return names;
}

int row_height(ScreenHost& host, std::string const& text, int text_px, std::string const& detail, int width)
{
    Metrics const& m = host.metrics();
    // The button's own padding and border (see Button::draw), with room to spare.
    int const inner = width - 2 * std::max(4, m.gap / 2);
    int height = Label(text, text_px, FontWeight::bold).height_for(host.fonts(), inner);
    if (!detail.empty())
        height += Label(detail, m.text_small).height_for(host.fonts(), inner);
    return std::max(m.button_h, height + 2 * std::max(4, m.gap / 2) + m.gap);
}

void add_procedure_rows(ScreenHost& host, ScrollView& list, catalog::CatalogStore const& store,
    std::vector<catalog::SearchHit> const& hits, std::map<std::string, std::string> const& fields)
{
    Metrics const& m = host.metrics();
    int const width = list.rect().w;
    for (auto const& hit : hits) {
        std::string detail;
        if (auto found = store.find(hit.code); found && found->has_value()) {
            auto const field = fields.find((*found)->field);
            detail = summary_text(host, **found, field == fields.end() ? std::string() : field->second);
        }
        std::string name = localized(host, hit.name, hit.name_en);
        int const h = row_height(host, name, m.text_button, detail, width);
        std::string code = hit.code;
        auto row = std::make_unique<Button>(std::move(name), m.text_button, ButtonKind::secondary, [&host, code] {
            host.session().procedure_code = code;
            host.navigate({ NavRequest::Kind::push, &make_procedure_detail_screen });
        });
        if (!detail.empty())
            row->set_detail(std::move(detail), m.text_small);
        list.add_row(std::move(row), h, m.gap);
    }
}

void add_text_row(ScreenHost& host, ScrollView& list, std::string const& text, int text_px, bool bold, bool muted)
{
    Metrics const& m = host.metrics();
    auto label = std::make_unique<Label>(text, text_px == 0 ? m.text_body : text_px,
        bold ? FontWeight::bold : FontWeight::regular, Align::start, muted ? LabelTone::muted : LabelTone::normal);
    int const h = label->height_for(host.fonts(), list.rect().w);
    list.add_row(std::move(label), h, m.gap);
}

} // namespace kiosk::ui
