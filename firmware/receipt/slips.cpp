// SPDX-License-Identifier: MIT
#include "receipt/slips.hpp"

#include <utility>

namespace kiosk::receipt {

namespace {

    hal::TextBlock text(std::string content, hal::Align align = hal::Align::left, int scale = 1, bool bold = false)
    {
        return hal::TextBlock { std::move(content), align, scale, bold };
    }

    void header(hal::ReceiptDocument& document, std::string const& center, std::string title)
    {
        if (!center.empty())
            document.items.emplace_back(text(center, hal::Align::center, 1, true));
        document.items.emplace_back(text(std::move(title), hal::Align::center, 2, true));
        document.items.emplace_back(hal::Separator {});
    }

    void footer(hal::ReceiptDocument& document, std::string const& url, std::string const& printed_at)
    {
        if (!url.empty()) {
            document.items.emplace_back(hal::QrBlock { url, 0, hal::Align::center });
            document.items.emplace_back(text("Quét mã để tra cứu hồ sơ", hal::Align::center));
        }
        if (!printed_at.empty())
            document.items.emplace_back(text("In lúc " + printed_at, hal::Align::center));
        document.items.emplace_back(hal::Feed { 1 });
        document.cut = hal::Cut::full;
    }

} // namespace

hal::ReceiptDocument compose_status_slip(StatusSlip const& slip)
{
    hal::ReceiptDocument document;
    header(document, slip.center, "PHIẾU TRA CỨU HỒ SƠ");
    document.items.emplace_back(text("Mã hồ sơ:"));
    document.items.emplace_back(text(slip.code, hal::Align::center, 2, true));
    document.items.emplace_back(text("Thủ tục: " + slip.procedure));
    document.items.emplace_back(text("Trạng thái: " + slip.state, hal::Align::left, 1, true));
    if (!slip.received.empty())
        document.items.emplace_back(text("Ngày tiếp nhận: " + slip.received));
    if (!slip.due.empty())
        document.items.emplace_back(text("Ngày hẹn trả: " + slip.due));
    if (!slip.next_step.empty())
        document.items.emplace_back(text("Bước tiếp theo: " + slip.next_step));
    document.items.emplace_back(hal::Separator {});
    footer(document, slip.lookup_url, slip.printed_at);
    return document;
}

hal::ReceiptDocument compose_checklist(Checklist const& checklist)
{
    hal::ReceiptDocument document;
    header(document, checklist.center, "HỒ SƠ CẦN CHUẨN BỊ");
    document.items.emplace_back(text(checklist.procedure, hal::Align::left, 1, true));
    if (!checklist.procedure_code.empty())
        document.items.emplace_back(text("Mã thủ tục: " + checklist.procedure_code));
    int number = 1;
    for (auto const& line : checklist.documents)
        document.items.emplace_back(text(std::to_string(number++) + ". " + line));
    if (!checklist.fee.empty())
        document.items.emplace_back(text("Lệ phí: " + checklist.fee));
    if (!checklist.processing_time.empty())
        document.items.emplace_back(text("Thời hạn giải quyết: " + checklist.processing_time));
    document.items.emplace_back(hal::Separator {});
    footer(document, checklist.lookup_url, checklist.printed_at);
    return document;
}

} // namespace kiosk::receipt
