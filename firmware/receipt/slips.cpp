// SPDX-License-Identifier: MIT
#include "receipt/slips.hpp"

#include <utility>

namespace kiosk::receipt {

namespace {

    hal::TextBlock text(std::string content, hal::Align align = hal::Align::left, int scale = 1, bool bold = false)
    {
        return hal::TextBlock { std::move(content), align, scale, bold };
    }

    /// "Label: value", or the value alone without a label.
    std::string labelled(std::string const& label, std::string const& value)
    {
        return label.empty() ? value : label + " " + value;
    }

    void header(hal::ReceiptDocument& document, std::string const& center, std::string const& title)
    {
        if (!center.empty())
            document.items.emplace_back(text(center, hal::Align::center, 1, true));
        if (!title.empty())
            document.items.emplace_back(text(title, hal::Align::center, 2, true));
        document.items.emplace_back(hal::Separator {});
    }

    void footer(hal::ReceiptDocument& document, std::string const& url, std::string const& qr_caption,
        SlipLabels const& labels, std::string const& printed_at)
    {
        if (!url.empty()) {
            document.items.emplace_back(hal::QrBlock { url, 0, hal::Align::center });
            if (!qr_caption.empty())
                document.items.emplace_back(text(qr_caption, hal::Align::center));
        }
        if (!printed_at.empty())
            document.items.emplace_back(text(labelled(labels.printed_at, printed_at), hal::Align::center));
        document.items.emplace_back(hal::Feed { 1 });
        document.cut = hal::Cut::full;
    }

} // namespace

hal::ReceiptDocument compose_status_slip(StatusSlip const& slip)
{
    SlipLabels const& l = slip.labels;
    hal::ReceiptDocument document;
    header(document, slip.center, l.status_title);
    if (!l.dossier_code.empty())
        document.items.emplace_back(text(l.dossier_code));
    document.items.emplace_back(text(slip.code, hal::Align::center, 2, true));
    document.items.emplace_back(text(labelled(l.procedure, slip.procedure)));
    document.items.emplace_back(text(labelled(l.state, slip.state), hal::Align::left, 1, true));
    if (!slip.received.empty())
        document.items.emplace_back(text(labelled(l.received, slip.received)));
    if (!slip.due.empty())
        document.items.emplace_back(text(labelled(l.due, slip.due)));
    if (!slip.next_step.empty())
        document.items.emplace_back(text(labelled(l.next_step, slip.next_step)));
    document.items.emplace_back(hal::Separator {});
    footer(document, slip.lookup_url, l.status_qr, l, slip.printed_at);
    return document;
}

hal::ReceiptDocument compose_checklist(Checklist const& checklist)
{
    SlipLabels const& l = checklist.labels;
    hal::ReceiptDocument document;
    header(document, checklist.center, l.checklist_title);
    document.items.emplace_back(text(checklist.procedure, hal::Align::left, 1, true));
    if (!checklist.procedure_code.empty())
        document.items.emplace_back(text(labelled(l.procedure_code, checklist.procedure_code)));
    int number = 1;
    for (auto const& line : checklist.documents)
        document.items.emplace_back(text(std::to_string(number++) + ". " + line));
    if (!checklist.fee.empty())
        document.items.emplace_back(text(labelled(l.fee, checklist.fee)));
    if (!checklist.processing_time.empty())
        document.items.emplace_back(text(labelled(l.processing_time, checklist.processing_time)));
    document.items.emplace_back(hal::Separator {});
    footer(document, checklist.lookup_url, l.checklist_qr, l, checklist.printed_at);
    return document;
}

} // namespace kiosk::receipt
