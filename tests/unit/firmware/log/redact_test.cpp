// SPDX-License-Identifier: MIT
#include <log/redact.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include <CppUTest/TestHarness.h>

using kiosk::log::redact_personal_patterns;

namespace {

std::string redact(std::string_view text) { return redact_personal_patterns(text); }

void check_unchanged(std::string_view text) { STRCMP_EQUAL(std::string(text).c_str(), redact(text).c_str()); }

// True if @p text still holds something the redactor should have masked.
bool has_digit_run_of(std::string_view text, std::size_t length)
{
    std::size_t run = 0;
    for (char c : text) {
        run = (c >= '0' && c <= '9') ? run + 1 : 0;
        if (run >= length)
            return true;
    }
    return false;
}

bool has_mrz_like_run(std::string_view text)
{
    auto is_mrz = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<'; };
    std::size_t begin = 0;
    while (begin < text.size()) {
        if (!is_mrz(text[begin])) {
            ++begin;
            continue;
        }
        std::size_t end = begin;
        while (end < text.size() && is_mrz(text[end]))
            ++end;
        std::string_view const run = text.substr(begin, end - begin);
        if (run.size() >= 20 && run.find("<<") != std::string_view::npos)
            return true;
        begin = end;
    }
    return false;
}

// Deterministic generator for the property test (xorshift64).
class Random {
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed)
    {
    }
    std::uint64_t next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }
    std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }

private:
    std::uint64_t m_state;
};

} // namespace

TEST_GROUP(Redact) {};

TEST(Redact, masks_a_12_digit_id_number)
{
    STRCMP_EQUAL("citizen [redacted] checked in", redact("citizen 079012345678 checked in").c_str());
}

TEST(Redact, masks_a_9_digit_document_number)
{
    STRCMP_EQUAL("document=[redacted];", redact("document=123456789;").c_str());
}

TEST(Redact, masks_a_long_run_with_one_placeholder)
{
    STRCMP_EQUAL("[redacted]", redact("0790123456780791234567").c_str());
}

TEST(Redact, masks_numbers_at_both_ends_and_between_letters)
{
    STRCMP_EQUAL("[redacted] and [redacted]", redact("079012345678 and 123456789").c_str());
    STRCMP_EQUAL("IDVNM[redacted]X", redact("IDVNM079012345678X").c_str());
    STRCMP_EQUAL("id:[redacted],doc:[redacted]", redact("id:079012345678,doc:123456789").c_str());
}

TEST(Redact, keeps_digit_runs_shorter_than_nine)
{
    check_unchanged("12345678");
    check_unchanged("wrote 65536 bytes in 12 chunks");
    check_unchanged("read 12345 bytes");
}

TEST(Redact, keeps_dossier_codes)
{
    check_unchanged("dossier 000.00.15.H56-250701-0001 accepted");
    check_unchanged("H56.22-250701-000123");
}

TEST(Redact, keeps_times_dates_and_addresses)
{
    check_unchanged("2025-07-01T09:30:00.123+07:00");
    check_unchanged("01/07/2025 09:30");
    check_unchanged("connected to 192.168.100.254:8443");
    check_unchanged("fe80::1ff:fe23:4567:890a");
    check_unchanged("usb 1-1.4.2: 0x04e8/0x6860");
}

TEST(Redact, keeps_ordinary_text_including_vietnamese)
{
    check_unchanged("");
    check_unchanged("Xin chào! Vui lòng đặt thẻ lên đầu đọc.");
    check_unchanged("STATE_WAITING_FOR_CARD_INSERTION_ON_READER");
    check_unchanged("std::cout << value << '\\n'");
    check_unchanged("A<<B");
}

TEST(Redact, masks_mrz_lines)
{
    std::string const mrz = "IDVNM0790123456<<1079012345678\n"
                            "7901015M3412315VNM<<<<<<<<<<<8\n"
                            "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<";
    STRCMP_EQUAL("mrz:\n[redacted]\n[redacted]\n[redacted]", redact("mrz:\n" + mrz).c_str());
}

TEST(Redact, masks_an_mrz_line_cut_to_twenty_characters)
{
    STRCMP_EQUAL("ocr [redacted] end", redact("ocr NGUYEN<<VAN<A<<<<<<< end").c_str());
}

TEST(Redact, keeps_short_chevron_runs_but_still_masks_their_numbers)
{
    check_unchanged("NGUYEN<<VAN<A<<<<");
    STRCMP_EQUAL("AB<<[redacted]", redact("AB<<123456789").c_str());
}

TEST(Redact, masks_an_id_card_qr_payload_to_the_end_of_the_line)
{
    std::string const qr = "079012345678|123456789|Nguyễn Văn A|01011990|Nam|12 Lê Lợi, Quận 1, TP HCM|01072021";
    STRCMP_EQUAL("qr: [redacted]\nnext line 42", redact("qr: " + qr + "\nnext line 42").c_str());
    STRCMP_EQUAL("[redacted]", redact("079012345678||Nguyen Van A|01011990").c_str());
}

TEST(Redact, keeps_pipes_after_short_numbers) { check_unchanged("status|12345|ok"); }

TEST(Redact, is_total_on_invalid_utf8_and_nul_bytes)
{
    static constexpr char INPUT[] = "\xff\xfe\x80 \0 123456789 \xc3";
    static constexpr char EXPECTED[] = "\xff\xfe\x80 \0 [redacted] \xc3";
    std::string const input(INPUT, sizeof INPUT - 1);
    std::string const expected(EXPECTED, sizeof EXPECTED - 1);
    CHECK(expected == redact(input));
}

TEST(Redact, leaves_nothing_to_mask_and_is_idempotent_on_random_input)
{
    // Alphabet weighted towards the characters the rules look at.
    static constexpr std::string_view ALPHABET
        = "0123456789012345678901234567890123456789<<<<<ABCXYZ|| \n.-az\xc3\xa0\xff";
    Random random(0x9e3779b97f4a7c15ULL);
    for (int round = 0; round < 20000; ++round) {
        std::string input(random.below(80), ' ');
        for (char& c : input)
            c = random.below(8) == 0 ? static_cast<char>(random.next()) : ALPHABET[random.below(ALPHABET.size())];
        std::string const once = redact(input);
        CHECK_FALSE(has_digit_run_of(once, 9));
        CHECK_FALSE(has_mrz_like_run(once));
        CHECK(once == redact(once));
        if (!has_digit_run_of(input, 9) && !has_mrz_like_run(input))
            CHECK(once == input);
    }
}
