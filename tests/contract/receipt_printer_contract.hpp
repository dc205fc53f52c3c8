// SPDX-License-Identifier: MIT
// The behaviour every hal::ReceiptPrinter shows (simulator saving images, EscPosPrinter talking
// to the ESC/POS emulator, ...).
//
// Use: a TEST_GROUP provides the harness below as members, then invokes
// KIOSK_RECEIPT_PRINTER_CONTRACT(GroupName). Include this header after all other headers.
//
//   hal::ReceiptPrinter& printer();                   the printer under test, ready, at least
//                                                     64 dots per line
//   void set_status(hal::PrinterStatus);              what the printer's sensors say from now on
//   int receipts_out();                               receipts that came out so far
//   std::optional<hal::RasterImage> last_receipt();   the last one, dot for dot as printed (it
//                                                     may be wider or taller than the page,
//                                                     with white margins right and below)
#pragma once

#include <kiosk/hal/printer_status.hpp>
#include <kiosk/hal/raster_image.hpp>
#include <kiosk/hal/receipt_printer.hpp>

#include <concepts>
#include <optional>
#include <string>

#include "contract/contract_support.hpp"

namespace kiosk::contract {

/// What the suite needs from its TEST_GROUP (see the file comment).
// (clang-format 14 mangles requires-expressions.)
// clang-format off
template <class H>
concept ReceiptPrinterHarness = requires(H& harness, hal::PrinterStatus status) {
    { harness.printer() } -> std::same_as<hal::ReceiptPrinter&>;
    harness.set_status(status);
    { harness.receipts_out() } -> std::convertible_to<int>;
    { harness.last_receipt() } -> std::same_as<std::optional<hal::RasterImage>>;
};
// clang-format on

} // namespace kiosk::contract

namespace kiosk::contract::receipt_printer {

inline hal::PrinterStatus ready_status(hal::PaperLevel paper = hal::PaperLevel::ok)
{
    hal::PrinterStatus status;
    status.online = true;
    status.paper = paper;
    return status;
}

/// A recognisable page: a frame, a diagonal and a checkerboard block, not a multiple of 8 wide.
inline hal::RasterImage test_page(int width_dots, int height_dots = 48)
{
    hal::RasterImage page(width_dots, height_dots);
    for (int x = 0; x < width_dots; ++x) {
        page.set_dot(x, 0);
        page.set_dot(x, height_dots - 1);
    }
    for (int y = 0; y < height_dots; ++y) {
        page.set_dot(0, y);
        page.set_dot(width_dots - 1, y);
        page.set_dot(y, y);
    }
    for (int y = 8; y < 24; ++y)
        for (int x = 20; x < 36; ++x)
            page.set_dot(x, y, (x + y) % 2 == 0);
    return page;
}

/// Checks that @p printed shows @p page at its top left, with only white around it.
inline void check_same_dots(hal::RasterImage const& page, hal::RasterImage const& printed)
{
    CHECK_TRUE(printed.width() >= page.width());
    CHECK_TRUE(printed.height() >= page.height());
    int differences = 0;
    for (int y = 0; y < printed.height(); ++y)
        for (int x = 0; x < printed.width(); ++x)
            differences += printed.dot(x, y) != page.dot(x, y) ? 1 : 0;
    LONGS_EQUAL_TEXT(0, differences, "dots that differ between the page and the printed receipt");
}

template <ReceiptPrinterHarness H> void capabilities_are_sane(H& h)
{
    hal::PrinterCapabilities const capabilities = h.printer().capabilities();
    CHECK_TRUE(capabilities.dots_per_line > 0);
    CHECK_TRUE(capabilities.dots_per_mm > 0);
}

template <ReceiptPrinterHarness H> void self_test_answers_without_printing(H& h)
{
    auto summary = h.printer().self_test();
    KIOSK_CHECK_OK(summary);
    CHECK_FALSE(summary->empty());
    LONGS_EQUAL(0, h.receipts_out());
}

template <ReceiptPrinterHarness H> void self_test_is_not_ready_at_paper_end_or_cover_open(H& h)
{
    h.set_status(ready_status(hal::PaperLevel::end));
    KIOSK_CHECK_ERRC(Errc::not_ready, h.printer().self_test());
    hal::PrinterStatus cover_open = ready_status();
    cover_open.cover_open = true;
    h.set_status(cover_open);
    KIOSK_CHECK_ERRC(Errc::not_ready, h.printer().self_test());
    h.set_status(ready_status());
    KIOSK_CHECK_OK(h.printer().self_test());
}

template <ReceiptPrinterHarness H> void status_reports_the_sensors(H& h)
{
    auto ready = h.printer().status();
    KIOSK_CHECK_OK(ready);
    CHECK_TRUE(ready->ready());

    h.set_status(ready_status(hal::PaperLevel::near_end));
    auto near_end = h.printer().status();
    KIOSK_CHECK_OK(near_end);
    CHECK_TRUE(hal::PaperLevel::near_end == near_end->paper);
    CHECK_TRUE(near_end->ready());

    hal::PrinterStatus cover_open = ready_status();
    cover_open.cover_open = true;
    h.set_status(cover_open);
    auto open = h.printer().status();
    KIOSK_CHECK_OK(open);
    CHECK_TRUE(open->cover_open);
    CHECK_FALSE(open->ready());
}

template <ReceiptPrinterHarness H> void prints_the_page_dot_for_dot(H& h)
{
    hal::RasterImage const page = test_page(61);
    KIOSK_CHECK_OK(h.printer().print(page, hal::Cut::full));
    LONGS_EQUAL(1, h.receipts_out());
    std::optional<hal::RasterImage> printed = h.last_receipt();
    CHECK_TRUE_TEXT(printed.has_value(), "no receipt came out");
    check_same_dots(page, *printed);
}

template <ReceiptPrinterHarness H> void each_print_is_one_receipt(H& h)
{
    KIOSK_CHECK_OK(h.printer().print(test_page(40), hal::Cut::partial));
    KIOSK_CHECK_OK(h.printer().print(test_page(50, 30), hal::Cut::full));
    LONGS_EQUAL(2, h.receipts_out());
    std::optional<hal::RasterImage> printed = h.last_receipt();
    CHECK_TRUE(printed.has_value());
    check_same_dots(test_page(50, 30), *printed);
}

template <ReceiptPrinterHarness H> void full_head_width_prints(H& h)
{
    int const width = h.printer().capabilities().dots_per_line;
    KIOSK_CHECK_OK(h.printer().print(test_page(width), hal::Cut::full));
    LONGS_EQUAL(1, h.receipts_out());
}

template <ReceiptPrinterHarness H> void page_wider_than_the_head_is_refused(H& h)
{
    int const width = h.printer().capabilities().dots_per_line + 1;
    KIOSK_CHECK_ERRC(Errc::invalid_argument, h.printer().print(test_page(width), hal::Cut::full));
    LONGS_EQUAL(0, h.receipts_out());
}

template <ReceiptPrinterHarness H> void paper_end_refuses_to_print_and_nothing_comes_out(H& h)
{
    h.set_status(ready_status(hal::PaperLevel::end));
    KIOSK_CHECK_ERRC(Errc::not_ready, h.printer().print(test_page(64), hal::Cut::full));
    LONGS_EQUAL(0, h.receipts_out());
    // New paper: the caller kept the job and retries.
    h.set_status(ready_status());
    KIOSK_CHECK_OK(h.printer().print(test_page(64), hal::Cut::full));
    LONGS_EQUAL(1, h.receipts_out());
}

template <ReceiptPrinterHarness H> void cover_open_refuses_to_print(H& h)
{
    hal::PrinterStatus cover_open = ready_status();
    cover_open.cover_open = true;
    h.set_status(cover_open);
    KIOSK_CHECK_ERRC(Errc::not_ready, h.printer().print(test_page(64), hal::Cut::full));
    LONGS_EQUAL(0, h.receipts_out());
}

template <ReceiptPrinterHarness H> void paper_near_end_still_prints(H& h)
{
    h.set_status(ready_status(hal::PaperLevel::near_end));
    KIOSK_CHECK_OK(h.printer().print(test_page(64), hal::Cut::full));
    LONGS_EQUAL(1, h.receipts_out());
}

/// A short document: a line of Vietnamese, a rule, a QR code.
inline hal::ReceiptDocument test_document()
{
    hal::ReceiptDocument document;
    document.items.emplace_back(hal::TextBlock { "Tiếng Việt có dấu", hal::Align::center, 1, true });
    document.items.emplace_back(hal::Separator {});
    document.items.emplace_back(hal::QrBlock { "G22.99-241201-0042", 0, hal::Align::center });
    document.cut = hal::Cut::full;
    return document;
}

inline int black_dots(hal::RasterImage const& image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += image.dot(x, y) ? 1 : 0;
    return count;
}

template <ReceiptPrinterHarness H> void prints_a_document_as_one_receipt(H& h)
{
    KIOSK_CHECK_OK(h.printer().print(test_document()));
    LONGS_EQUAL(1, h.receipts_out());
    std::optional<hal::RasterImage> printed = h.last_receipt();
    CHECK_TRUE_TEXT(printed.has_value(), "no receipt came out");
    CHECK_TRUE(printed->width() <= h.printer().capabilities().dots_per_line + 7);
    CHECK_TRUE_TEXT(black_dots(*printed) > 1000, "the receipt is (nearly) blank");
}

template <ReceiptPrinterHarness H> void document_at_paper_end_is_refused_and_nothing_comes_out(H& h)
{
    h.set_status(ready_status(hal::PaperLevel::end));
    KIOSK_CHECK_ERRC(Errc::not_ready, h.printer().print(test_document()));
    LONGS_EQUAL(0, h.receipts_out());
}

template <ReceiptPrinterHarness H> void document_with_an_oversize_qr_is_refused(H& h)
{
    hal::ReceiptDocument document = test_document();
    document.items.emplace_back(hal::QrBlock { std::string(hal::MAX_QR_PAYLOAD_BYTES + 1, 'A'), 0, hal::Align::center });
    KIOSK_CHECK_ERRC(Errc::invalid_argument, h.printer().print(document));
    LONGS_EQUAL(0, h.receipts_out());
}

} // namespace kiosk::contract::receipt_printer

/// Expands to the receipt printer contract tests for TEST_GROUP @p group (see the file comment).
#define KIOSK_RECEIPT_PRINTER_CONTRACT(group)                                                                          \
    TEST(group, capabilities_are_sane) { ::kiosk::contract::receipt_printer::capabilities_are_sane(*this); }           \
    TEST(group, self_test_answers_without_printing)                                                                    \
    {                                                                                                                  \
        ::kiosk::contract::receipt_printer::self_test_answers_without_printing(*this);                                 \
    }                                                                                                                  \
    TEST(group, self_test_is_not_ready_at_paper_end_or_cover_open)                                                     \
    {                                                                                                                  \
        ::kiosk::contract::receipt_printer::self_test_is_not_ready_at_paper_end_or_cover_open(*this);                  \
    }                                                                                                                  \
    TEST(group, status_reports_the_sensors) { ::kiosk::contract::receipt_printer::status_reports_the_sensors(*this); } \
    TEST(group, prints_the_page_dot_for_dot)                                                                           \
    {                                                                                                                  \
        ::kiosk::contract::receipt_printer::prints_the_page_dot_for_dot(*this);                                        \
    }                                                                                                                  \
    TEST(group, each_print_is_one_receipt) { ::kiosk::contract::receipt_printer::each_print_is_one_receipt(*this); }   \
    TEST(group, full_head_width_prints) { ::kiosk::contract::receipt_printer::full_head_width_prints(*this); }         \
    TEST(group, page_wider_than_the_head_is_refused)                                                                   \
    {                                                                                                                  \
        ::kiosk::contract::receipt_printer::page_wider_than_the_head_is_refused(*this);                                \
    }                                                                                                                  \
    TEST(group, paper_end_refuses_to_print_and_nothing_comes_out)                                                      \
    {                                                                                                                  \
        ::kiosk::contract::receipt_printer::paper_end_refuses_to_print_and_nothing_comes_out(*this);                   \
    }                                                                                                                  \
    TEST(group, cover_open_refuses_to_print)                                                                           \
    {                                                                                                                  \
        ::kiosk::contract::receipt_printer::cover_open_refuses_to_print(*this);                                        \
    }                                                                                                                  \
    TEST(group, paper_near_end_still_prints) { ::kiosk::contract::receipt_printer::paper_near_end_still_prints(*this); } \
    TEST(group, prints_a_document_as_one_receipt)                                                                      \
    {                                                                                                                  \
        ::kiosk::contract::receipt_printer::prints_a_document_as_one_receipt(*this);                                   \
    }                                                                                                                  \
    TEST(group, document_at_paper_end_is_refused_and_nothing_comes_out)                                                \
    {                                                                                                                  \
        ::kiosk::contract::receipt_printer::document_at_paper_end_is_refused_and_nothing_comes_out(*this);             \
    }                                                                                                                  \
    TEST(group, document_with_an_oversize_qr_is_refused)                                                               \
    {                                                                                                                  \
        ::kiosk::contract::receipt_printer::document_with_an_oversize_qr_is_refused(*this);                            \
    }
