// SPDX-License-Identifier: MIT
// What the image-saving printer adds beyond the receipt printer contract: the PBM files, their
// names, and its errors.
#include <printer/sim_receipt_printer.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::SimReceiptPrinter;
using kiosk::hal::Cut;
using kiosk::hal::PaperLevel;
using kiosk::hal::PrinterStatus;
using kiosk::hal::RasterImage;

namespace {

std::string read_file(std::filesystem::path const& path)
{
    std::ifstream in(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

std::vector<std::string> file_names(std::filesystem::path const& dir)
{
    std::vector<std::string> names;
    for (auto const& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

PrinterStatus status_with(PaperLevel paper)
{
    PrinterStatus status;
    status.online = true;
    status.paper = paper;
    return status;
}

kiosk::hal::PrinterCapabilities head_58mm()
{
    kiosk::hal::PrinterCapabilities capabilities;
    capabilities.dots_per_line = 384;
    return capabilities;
}

} // namespace

TEST_GROUP(SimReceiptPrinter)
{
    kiosk::test::TempDir m_dir;

    std::unique_ptr<SimReceiptPrinter> open_printer(std::filesystem::path const& dir)
    {
        return KIOSK_MUST(SimReceiptPrinter::open(head_58mm(), dir));
    }
};

TEST(SimReceiptPrinter, creates_the_output_directory)
{
    auto const dir = m_dir.path() / "a" / "b";
    auto printer = open_printer(dir);
    CHECK_TRUE(std::filesystem::is_directory(dir));
    CHECK_TRUE(dir == printer->output_dir());
    LONGS_EQUAL(0, printer->receipts_printed());
}

TEST(SimReceiptPrinter, writes_a_binary_pbm_per_receipt)
{
    auto printer = open_printer(m_dir.path());
    RasterImage page(10, 2);
    page.set_dot(0, 0);
    page.set_dot(9, 0);
    page.set_dot(1, 1);
    page.set_dot(8, 1);
    KIOSK_CHECK_OK(printer->print(page, Cut::full));

    // "P4", width and height in ASCII, then rows of (10 + 7) / 8 = 2 bytes, MSB leftmost.
    std::string const expected = std::string("P4\n10 2\n") + "\x80\x40" + "\x40\x80";
    std::string const written = read_file(m_dir.path() / "001.pbm");
    LONGS_EQUAL(expected.size(), written.size());
    MEMCMP_EQUAL(expected.data(), written.data(), expected.size());
    LONGS_EQUAL(1, printer->receipts_printed());
}

TEST(SimReceiptPrinter, numbers_files_in_order_and_leaves_no_temporary_files)
{
    auto printer = open_printer(m_dir.path());
    for (int i = 0; i < 3; ++i)
        KIOSK_CHECK_OK(printer->print(RasterImage(8, 1), Cut::partial));
    CHECK_TRUE((std::vector<std::string> { "001.pbm", "002.pbm", "003.pbm" }) == file_names(m_dir.path()));
    LONGS_EQUAL(3, printer->receipts_printed());
}

TEST(SimReceiptPrinter, continues_after_receipts_already_there)
{
    (void)m_dir.write("007.pbm", "P4\n8 1\n\x00");
    (void)m_dir.write("notes.txt", "not a receipt");
    auto printer = open_printer(m_dir.path());
    KIOSK_CHECK_OK(printer->print(RasterImage(8, 1), Cut::full));
    CHECK_TRUE(std::filesystem::exists(m_dir.path() / "008.pbm"));
    LONGS_EQUAL(1, printer->receipts_printed());
}

TEST(SimReceiptPrinter, refusals_write_nothing)
{
    auto printer = open_printer(m_dir.path());
    KIOSK_CHECK_ERRC(Errc::invalid_argument, printer->print(RasterImage(385, 10), Cut::full));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, printer->print(RasterImage(), Cut::full));
    printer->set_status(status_with(PaperLevel::end));
    KIOSK_CHECK_ERRC(Errc::not_ready, printer->print(RasterImage(8, 1), Cut::full));
    CHECK_TRUE(file_names(m_dir.path()).empty());
    LONGS_EQUAL(0, printer->receipts_printed());
}

TEST(SimReceiptPrinter, self_test_summarises_paper_and_cover)
{
    auto printer = open_printer(m_dir.path());
    STRCMP_EQUAL("paper ok, cover closed", printer->self_test()->c_str());
    printer->set_status(status_with(PaperLevel::near_end));
    STRCMP_EQUAL("paper near end, cover closed", printer->self_test()->c_str());

    printer->set_status(status_with(PaperLevel::end));
    auto out_of_paper = printer->self_test();
    KIOSK_CHECK_ERRC(Errc::not_ready, out_of_paper);
    STRCMP_EQUAL("printer out of paper", out_of_paper.error().context());

    PrinterStatus offline;
    printer->set_status(offline);
    auto off = printer->self_test();
    KIOSK_CHECK_ERRC(Errc::not_ready, off);
    STRCMP_EQUAL("printer offline", off.error().context());
    CHECK_TRUE(file_names(m_dir.path()).empty());
}

TEST(SimReceiptPrinter, output_directory_that_cannot_exist_is_an_error)
{
    auto const file = m_dir.write("occupied", "a file, not a folder");
    auto printer = SimReceiptPrinter::open(head_58mm(), file / "receipts");
    CHECK_FALSE(printer.has_value());
    STRCMP_EQUAL("creating the receipt output directory", printer.error().context());
    CHECK_TRUE(printer.error().sys_errno() != 0);
}

TEST(SimReceiptPrinter, capabilities_without_dots_are_refused)
{
    kiosk::hal::PrinterCapabilities capabilities;
    capabilities.dots_per_line = 0;
    KIOSK_CHECK_ERRC(Errc::invalid_argument, SimReceiptPrinter::open(capabilities, m_dir.path()));
}
