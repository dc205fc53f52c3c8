// SPDX-License-Identifier: MIT
#include <scanner/scan_line_splitter.hpp>

#include <string>
#include <string_view>

#include "contract/contract_support.hpp"

using kiosk::drivers::ScanLineSplitter;

namespace {

kiosk::ByteView bytes(std::string_view text)
{
    return { reinterpret_cast<std::uint8_t const*>(text.data()), text.size() }; // NOLINT: byte view of text
}

} // namespace

TEST_GROUP(ScanLineSplitter)
{
    ScanLineSplitter m_splitter;
    std::chrono::steady_clock::time_point m_now = std::chrono::steady_clock::now();
};

TEST(ScanLineSplitter, crlf_lf_and_cr_end_lines_and_blank_lines_are_ignored)
{
    m_splitter.feed(bytes("a-1\r\n\r\nb-2\nc-3\r"), m_now);
    STRCMP_EQUAL("a-1", m_splitter.take()->text.c_str());
    STRCMP_EQUAL("b-2", m_splitter.take()->text.c_str());
    STRCMP_EQUAL("c-3", m_splitter.take()->text.c_str());
    CHECK_FALSE(m_splitter.take().has_value());
}

TEST(ScanLineSplitter, utf8_validation_rejects_overlong_surrogates_c1_and_controls)
{
    CHECK_TRUE(kiosk::drivers::is_clean_text("Nguyễn Văn Đức\tx"));
    CHECK_FALSE(kiosk::drivers::is_clean_text("\xc0\xaf"));         // overlong '/'
    CHECK_FALSE(kiosk::drivers::is_clean_text("\xed\xa0\x80"));     // surrogate
    CHECK_FALSE(kiosk::drivers::is_clean_text("\xc2\x85"));         // C1 NEL
    CHECK_FALSE(kiosk::drivers::is_clean_text("a\x1b[0m"));         // ESC
    CHECK_FALSE(kiosk::drivers::is_clean_text("\xf4\x90\x80\x80")); // above U+10FFFF
    CHECK_FALSE(kiosk::drivers::is_clean_text("\xe1\xba"));         // truncated
}

TEST(ScanLineSplitter, an_overlong_line_is_counted_once_and_the_next_line_is_whole)
{
    m_splitter.feed(bytes(std::string(ScanLineSplitter::MAX_LINE_BYTES + 1, 'x')), m_now);
    m_splitter.feed(bytes("yyyy\r\nnext\r\n"), m_now);
    STRCMP_EQUAL("next", m_splitter.take()->text.c_str());
    CHECK_EQUAL(1U, m_splitter.drops().too_long);
}

TEST(ScanLineSplitter, a_line_of_exactly_the_limit_is_kept)
{
    std::string const line(ScanLineSplitter::MAX_LINE_BYTES, 'z');
    m_splitter.feed(bytes(line + "\n"), m_now);
    CHECK_EQUAL(line.size(), m_splitter.take()->text.size());
}

TEST(ScanLineSplitter, a_fragment_expires_only_after_the_timeout)
{
    m_splitter.feed(bytes("frag"), m_now);
    CHECK_TRUE(m_splitter.fragment_deadline().has_value());
    m_splitter.expire(m_now + ScanLineSplitter::FRAGMENT_TIMEOUT - std::chrono::milliseconds(1));
    CHECK_EQUAL(0U, m_splitter.drops().fragment);
    m_splitter.feed(bytes("ment\r\n"), m_now + std::chrono::milliseconds(100));
    STRCMP_EQUAL("fragment", m_splitter.take()->text.c_str());
    m_splitter.feed(bytes("lost"), m_now);
    m_splitter.expire(m_now + ScanLineSplitter::FRAGMENT_TIMEOUT);
    CHECK_EQUAL(1U, m_splitter.drops().fragment);
    m_splitter.feed(bytes("\r\n"), m_now);
    CHECK_FALSE(m_splitter.take().has_value());
}

TEST(ScanLineSplitter, aim_prefixes_set_the_format)
{
    m_splitter.feed(bytes("]Q1q\r\n]C0c\r\n]L0p\r\n]d2d\r\n]X0x\r\n]Q1\r\n"), m_now);
    CHECK_TRUE(kiosk::hal::CodeFormat::qr_code == m_splitter.take()->format);
    CHECK_TRUE(kiosk::hal::CodeFormat::code_128 == m_splitter.take()->format);
    CHECK_TRUE(kiosk::hal::CodeFormat::pdf417 == m_splitter.take()->format);
    CHECK_TRUE(kiosk::hal::CodeFormat::data_matrix == m_splitter.take()->format);
    auto unknown = m_splitter.take();
    STRCMP_EQUAL("]X0x", unknown->text.c_str()); // not an AIM prefix we know: kept as text
    CHECK_FALSE(m_splitter.take().has_value()); // a prefix with nothing after it is no code
}

TEST(ScanLineSplitter, a_reader_that_stops_asking_keeps_only_the_newest_codes)
{
    for (int i = 0; i < 40; ++i)
        m_splitter.feed(bytes("code-" + std::to_string(i) + "\n"), m_now);
    STRCMP_EQUAL("code-24", m_splitter.take()->text.c_str());
}
