// SPDX-License-Identifier: MIT
// SerialCodeScanner against a socat pty pair: the test writes what a scanner module (or
// line noise) would send, the real termios driver reads it.
#include <scanner/serial_code_scanner.hpp>

#include "integration/scanner/socat_pty_pair.hpp"
#include "support/temp_dir.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "contract/contract_support.hpp"

using namespace std::chrono_literals;
using kiosk::Errc;
using kiosk::drivers::SerialCodeScanner;

namespace {

constexpr auto WAIT = 5s;

} // namespace

TEST_GROUP(SerialCodeScanner)
{
    kiosk::test::TempDir m_dir;
    std::unique_ptr<kiosk::test::SocatPtyPair> m_pair;
    std::unique_ptr<SerialCodeScanner> m_scanner;

    void setup() override
    {
        m_pair = std::make_unique<kiosk::test::SocatPtyPair>(m_dir.path());
        CHECK_TRUE(m_pair->running());
        auto opened = SerialCodeScanner::open(m_pair->device(), 9600);
        KIOSK_CHECK_OK(opened);
        m_scanner = std::move(*opened);
    }

    void teardown() override
    {
        m_scanner.reset();
        m_pair.reset();
    }

    std::string next_text() const
    {
        auto code = m_scanner->next_code(WAIT);
        KIOSK_CHECK_OK(code);
        CHECK_TRUE_TEXT(code->has_value(), "no code within the wait");
        return (*code)->text;
    }
};

TEST(SerialCodeScanner, lines_ending_in_cr_lf_or_crlf_are_one_code_each)
{
    CHECK_TRUE(m_pair->write("000.00.15.H56-250701-0001\r\nHS-2\nHS-3\r"));
    STRCMP_EQUAL("000.00.15.H56-250701-0001", next_text().c_str());
    STRCMP_EQUAL("HS-2", next_text().c_str());
    STRCMP_EQUAL("HS-3", next_text().c_str());
    auto none = m_scanner->next_code(50ms);
    KIOSK_CHECK_OK(none);
    CHECK_FALSE(none->has_value());
}

TEST(SerialCodeScanner, a_line_split_across_writes_is_joined)
{
    CHECK_TRUE(m_pair->write("000.00.15."));
    CHECK_TRUE(m_pair->write("H56-250701-0002\r\n"));
    STRCMP_EQUAL("000.00.15.H56-250701-0002", next_text().c_str());
}

TEST(SerialCodeScanner, aim_prefix_sets_the_format_and_is_removed)
{
    CHECK_TRUE(m_pair->write("]Q1ABC-123456\r\n]C0XYZ-99\r\nplain-1\r\n"));
    auto qr = m_scanner->next_code(WAIT);
    KIOSK_CHECK_OK(qr);
    STRCMP_EQUAL("ABC-123456", (*qr)->text.c_str());
    CHECK_TRUE(kiosk::hal::CodeFormat::qr_code == (*qr)->format);
    auto c128 = m_scanner->next_code(WAIT);
    KIOSK_CHECK_OK(c128);
    CHECK_TRUE(kiosk::hal::CodeFormat::code_128 == (*c128)->format);
    auto plain = m_scanner->next_code(WAIT);
    KIOSK_CHECK_OK(plain);
    CHECK_TRUE(kiosk::hal::CodeFormat::other == (*plain)->format);
}

TEST(SerialCodeScanner, vietnamese_id_card_text_passes_unchanged)
{
    std::string const payload = "001090012345||Nguyễn Văn Đức|01021990|Nam|Số 1 Tràng Tiền, Hà Nội|15082021";
    CHECK_TRUE(m_pair->write(payload + "\r\n"));
    STRCMP_EQUAL(payload.c_str(), next_text().c_str());
}

TEST(SerialCodeScanner, binary_and_garbage_lines_are_dropped_and_the_next_line_is_read)
{
    std::string garbage("\x01\x02\xff\xfe\x80 noise\x00\x1b[2J", 14);
    CHECK_TRUE(m_pair->write(garbage + "\r\n"));
    CHECK_TRUE(m_pair->write(std::string("\xc3\x28 bad utf8\r\n")));
    CHECK_TRUE(m_pair->write("after-garbage-1\r\n"));
    STRCMP_EQUAL("after-garbage-1", next_text().c_str());
    CHECK_EQUAL(2U, m_scanner->drops().not_text);
}

TEST(SerialCodeScanner, an_over_long_line_is_dropped_whole_not_cut)
{
    std::string const long_line(5000, 'A');
    CHECK_TRUE(m_pair->write(long_line + "\r\n"));
    CHECK_TRUE(m_pair->write("short-after-long\r\n"));
    STRCMP_EQUAL("short-after-long", next_text().c_str());
    CHECK_EQUAL(1U, m_scanner->drops().too_long);
}

TEST(SerialCodeScanner, a_fragment_followed_by_silence_is_dropped)
{
    CHECK_TRUE(m_pair->write("000.00.15.H5"));
    // Longer than the fragment timeout: the fragment expires while we wait.
    auto none = m_scanner->next_code(kiosk::drivers::ScanLineSplitter::FRAGMENT_TIMEOUT * 3);
    KIOSK_CHECK_OK(none);
    CHECK_FALSE(none->has_value());
    CHECK_EQUAL(1U, m_scanner->drops().fragment);
    CHECK_TRUE(m_pair->write("whole-line-1\r\n"));
    STRCMP_EQUAL("whole-line-1", next_text().c_str());
}

TEST(SerialCodeScanner, unplug_is_disconnected_and_replug_recovers)
{
    m_pair->stop();
    auto gone = m_scanner->next_code(WAIT);
    KIOSK_CHECK_ERRC(Errc::disconnected, gone);
    auto still_gone = m_scanner->next_code(10ms);
    KIOSK_CHECK_ERRC(Errc::disconnected, still_gone);
    KIOSK_CHECK_ERRC(Errc::not_found, m_scanner->self_test());

    m_pair->start();
    CHECK_TRUE(m_pair->running());
    KIOSK_CHECK_OK(m_scanner->self_test());
    CHECK_TRUE(m_pair->write("after-replug-1\r\n"));
    STRCMP_EQUAL("after-replug-1", next_text().c_str());
}

TEST(SerialCodeScanner, a_missing_device_or_bad_rate_is_a_clear_error)
{
    KIOSK_CHECK_ERRC(Errc::not_found, SerialCodeScanner::open(m_dir.path() / "no-such-tty", 9600));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, SerialCodeScanner::open(m_pair->device(), 12345));
    KIOSK_CHECK_ERRC(Errc::unsupported, SerialCodeScanner::open(m_dir.write("plain-file", "x"), 9600));
}
