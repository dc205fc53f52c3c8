// SPDX-License-Identifier: MIT
#include <catalog/text_fold.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::catalog::fold_for_search;
using kiosk::catalog::has_diacritics;
using kiosk::catalog::search_tokens;

namespace {

constexpr char32_t NO_MARK = 0;
constexpr char32_t GRAVE = U'\u0300'; // huyền
constexpr char32_t ACUTE = U'\u0301'; // sắc
constexpr char32_t CIRCUMFLEX = U'\u0302';
constexpr char32_t TILDE = U'\u0303'; // ngã
constexpr char32_t BREVE = U'\u0306';
constexpr char32_t HOOK_ABOVE = U'\u0309'; // hỏi
constexpr char32_t HORN = U'\u031B';
constexpr char32_t DOT_BELOW = U'\u0323'; // nặng

constexpr std::size_t TONE_COUNT = 6;
// Same order as the columns of VOWELS: none, sắc, huyền, hỏi, ngã, nặng.
constexpr std::array<char32_t, TONE_COUNT> TONES { NO_MARK, ACUTE, GRAVE, HOOK_ABOVE, TILDE, DOT_BELOW };

struct Vowel {
    char const* base; // the ASCII letter it folds to
    char32_t vowel_mark; // breve, circumflex or horn, or NO_MARK
    std::array<char const*, TONE_COUNT> nfc_lower;
    std::array<char const*, TONE_COUNT> nfc_upper;
};

// Every Vietnamese vowel (a ă â e ê i o ô ơ u ư y) with every tone, precomposed (NFC).
std::array<Vowel, 12> const VOWELS { {
    { "a", NO_MARK, { "a", "á", "à", "ả", "ã", "ạ" }, { "A", "Á", "À", "Ả", "Ã", "Ạ" } },
    { "a", BREVE, { "ă", "ắ", "ằ", "ẳ", "ẵ", "ặ" }, { "Ă", "Ắ", "Ằ", "Ẳ", "Ẵ", "Ặ" } },
    { "a", CIRCUMFLEX, { "â", "ấ", "ầ", "ẩ", "ẫ", "ậ" }, { "Â", "Ấ", "Ầ", "Ẩ", "Ẫ", "Ậ" } },
    { "e", NO_MARK, { "e", "é", "è", "ẻ", "ẽ", "ẹ" }, { "E", "É", "È", "Ẻ", "Ẽ", "Ẹ" } },
    { "e", CIRCUMFLEX, { "ê", "ế", "ề", "ể", "ễ", "ệ" }, { "Ê", "Ế", "Ề", "Ể", "Ễ", "Ệ" } },
    { "i", NO_MARK, { "i", "í", "ì", "ỉ", "ĩ", "ị" }, { "I", "Í", "Ì", "Ỉ", "Ĩ", "Ị" } },
    { "o", NO_MARK, { "o", "ó", "ò", "ỏ", "õ", "ọ" }, { "O", "Ó", "Ò", "Ỏ", "Õ", "Ọ" } },
    { "o", CIRCUMFLEX, { "ô", "ố", "ồ", "ổ", "ỗ", "ộ" }, { "Ô", "Ố", "Ồ", "Ổ", "Ỗ", "Ộ" } },
    { "o", HORN, { "ơ", "ớ", "ờ", "ở", "ỡ", "ợ" }, { "Ơ", "Ớ", "Ờ", "Ở", "Ỡ", "Ợ" } },
    { "u", NO_MARK, { "u", "ú", "ù", "ủ", "ũ", "ụ" }, { "U", "Ú", "Ù", "Ủ", "Ũ", "Ụ" } },
    { "u", HORN, { "ư", "ứ", "ừ", "ử", "ữ", "ự" }, { "Ư", "Ứ", "Ừ", "Ử", "Ữ", "Ự" } },
    { "y", NO_MARK, { "y", "ý", "ỳ", "ỷ", "ỹ", "ỵ" }, { "Y", "Ý", "Ỳ", "Ỷ", "Ỹ", "Ỵ" } },
} };

std::string utf8(char32_t code_point)
{
    std::string out;
    auto const cp = static_cast<unsigned>(code_point);
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

std::string marks(char32_t first, char32_t second)
{
    std::string out;
    if (first != NO_MARK)
        out += utf8(first);
    if (second != NO_MARK)
        out += utf8(second);
    return out;
}

// The NFD form from explicit combining code points, in canonical order: horn (class 216)
// before dot below (220) before circumflex and breve (230), which precede the other tones.
std::string nfd(std::string_view base, char32_t vowel_mark, char32_t tone)
{
    std::string out(base);
    if (tone == DOT_BELOW && vowel_mark != HORN)
        return out + marks(tone, vowel_mark);
    return out + marks(vowel_mark, tone);
}

std::string upper_ascii(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

bool is_ascii(std::string_view text)
{
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

// "a" + bytes + "b", so that no hex escape swallows the letter after it.
std::string between_words(std::string_view bytes) { return "a" + std::string(bytes) + "b"; }

void check_fold(char const* expected, std::string const& input)
{
    std::string const folded = fold_for_search(input);
    STRCMP_EQUAL_TEXT(expected, folded.c_str(), ("input: " + input).c_str());
}

} // namespace

TEST_GROUP(TextFold) {};

TEST(TextFold, folds_every_vowel_with_every_tone_in_nfc)
{
    for (auto const& vowel : VOWELS) {
        for (std::size_t tone = 0; tone < TONE_COUNT; ++tone) {
            check_fold(vowel.base, vowel.nfc_lower.at(tone));
            check_fold(vowel.base, vowel.nfc_upper.at(tone));
            check_fold(
                (std::string("x") + vowel.base + "m").c_str(), std::string("X") + vowel.nfc_upper.at(tone) + "M");
        }
    }
}

TEST(TextFold, folds_every_vowel_with_every_tone_in_nfd)
{
    for (auto const& vowel : VOWELS) {
        for (char32_t tone : TONES) {
            check_fold(vowel.base, nfd(vowel.base, vowel.vowel_mark, tone));
            check_fold(vowel.base, nfd(upper_ascii(vowel.base), vowel.vowel_mark, tone));
            check_fold((std::string("x") + vowel.base + "m").c_str(),
                "X" + nfd(upper_ascii(vowel.base), vowel.vowel_mark, tone) + "M");
        }
    }
}

TEST(TextFold, folds_two_marks_in_either_order)
{
    check_fold("e", "e" + marks(CIRCUMFLEX, DOT_BELOW));
    check_fold("e", "e" + marks(DOT_BELOW, CIRCUMFLEX));
    check_fold("u", "u" + marks(DOT_BELOW, HORN));
    check_fold("a", "a" + marks(TILDE, CIRCUMFLEX));
    // A precomposed letter followed by a combining mark (mixed NFC and NFD).
    check_fold("o", "ơ" + utf8(HOOK_ABOVE));
    check_fold("e", "ê" + utf8(DOT_BELOW));
}

TEST(TextFold, folds_d_with_stroke)
{
    check_fold("d", "đ");
    check_fold("d", "Đ");
    check_fold("dd", "đĐ");
    check_fold("duong", "Đường");
    // Look-alikes that legacy keyboards and converters put in place of Đ: eth and African D.
    check_fold("d", "Ð");
    check_fold("d", "ð");
    check_fold("d", "Ɖ");
    check_fold("d", "ɖ");
}

TEST(TextFold, folds_procedure_names)
{
    check_fold("dang ky khai sinh", "Đăng ký khai sinh");
    check_fold("chung thuc ban sao", "CHỨNG THỰC bản sao");
    check_fold("thuong tru", "Thường trú");
    check_fold("ho kinh doanh", "hộ kinh doanh");
    check_fold("xac nhan tinh trang hon nhan", "Xác nhận tình trạng hôn nhân");
    check_fold("tro cap xa hoi hang thang", "Trợ cấp xã hội hằng tháng");
    check_fold("cap giay phep xay dung", "Cấp giấy phép xây dựng");
    check_fold("dang ky khai tu", "ĐĂNG KÝ KHAI TỬ");
    check_fold("dang ky khai sinh", "dang ky khai sinh");
}

TEST(TextFold, gives_ascii_for_vietnamese_text)
{
    std::string const text = "Tiếng Việt có sáu thanh: ngang, sắc, huyền, hỏi, ngã, nặng. Người dân "
                             "ở Đắk Lắk, Bà Rịa–Vũng Tàu và Thừa Thiên Huế đều tra cứu được thủ tục.";
    std::string const folded = fold_for_search(text);
    CHECK_TRUE(is_ascii(folded));
    STRCMP_EQUAL("tieng viet co sau thanh ngang sac huyen hoi nga nang nguoi dan o dak lak ba ria vung tau va "
                 "thua thien hue deu tra cuu duoc thu tuc",
        folded.c_str());
}

TEST(TextFold, turns_punctuation_and_symbols_into_one_space)
{
    check_fold("khai sinh", "khai-sinh");
    check_fold("khai sinh", "khai, sinh!");
    check_fold("ba ria vung tau", "Bà Rịa–Vũng Tàu");
    check_fold("phi 50 000 d", "Phí: 50.000 đ");
    check_fold("phi 50 000", "phí 50.000₫");
    check_fold("a b c d e", "a/b\\c(d)[e]");
    check_fold("so ho khau", "«Sổ hộ khẩu»");
    check_fold("1 001193", "1.001193");
    check_fold("", "!?.,;:-_*#@…“”");
}

TEST(TextFold, collapses_and_trims_whitespace)
{
    check_fold("ho kinh doanh", "  hộ \t kinh\r\ndoanh  ");
    check_fold("ho kinh doanh", "hộ\u00A0kinh\u3000doanh"); // no-break and ideographic spaces
    check_fold("khai sinh", "\n\tkhai   sinh\n");
    check_fold("", " \t\r\n ");
}

TEST(TextFold, keeps_digits)
{
    check_fold("mau tk1 ts", "Mẫu TK1-TS");
    check_fold("2025", "2025");
    check_fold("nghi dinh 123 2015 nd cp", "Nghị định 123/2015/NĐ-CP");
    check_fold("123", "１２３"); // fullwidth digits
}

TEST(TextFold, drops_invisible_format_characters_without_splitting_words)
{
    check_fold("khaisinh", "khai\u00ADsinh"); // soft hyphen
    check_fold("khaisinh", "khai\u200Bsinh"); // zero-width space
    check_fold("dang ky", "\uFEFFđăng ký"); // byte order mark
    check_fold("ab", "a\u200Db"); // zero-width joiner
}

TEST(TextFold, folds_other_latin_letters)
{
    check_fold("creme brulee", "Crème Brûlée");
    check_fold("nino", "Niño");
    check_fold("francais", "Français");
    check_fold("strasse", "Straße");
    check_fold("lodz", "Łódź");
    check_fold("oresund", "Øresund");
    check_fold("aesir oeuvre", "Æsir Œuvre");
    check_fold("istanbul", "İstanbul");
    check_fold("fullwidth", "ＦＵＬＬｗｉｄｔｈ");
    check_fold("fi", "ﬁ"); // ligature
}

TEST(TextFold, replaces_invalid_utf8_with_a_separator)
{
    check_fold("kh", "kh\xE1\xBB"); // truncated at the end (ế without its last byte)
    check_fold("kh i", "kh\xE1\xBBi"); // truncated in the middle
    check_fold("a b", between_words("\xC0\xAF")); // overlong '/'
    check_fold("a b", between_words("\xE0\x80\xAF")); // overlong three-byte '/'
    check_fold("a b", between_words("\x80")); // lone continuation byte
    check_fold("a b", between_words("\xBF\xBF"));
    check_fold("a b", between_words("\xED\xA0\x80")); // UTF-16 high surrogate
    check_fold("a b", between_words("\xED\xBF\xBF")); // UTF-16 low surrogate
    check_fold("a b", between_words("\xF4\x90\x80\x80")); // above U+10FFFF
    check_fold("a b", between_words("\xFF\xFE"));
    check_fold("", "\xC3");
    check_fold("", "\xF0\x9F\x98");
    check_fold("e", std::string("\x80\x80") + "é\xC3");
    check_fold("a b", between_words("\xEF\xBF\xBD")); // U+FFFD itself is a symbol, hence a separator too
}

TEST(TextFold, passes_nul_and_control_bytes_as_separators)
{
    check_fold("a b", std::string("a\0b", 3));
    check_fold("a b", between_words("\x01\x1F\x7F"));
}

TEST(TextFold, gives_empty_for_empty_input)
{
    check_fold("", "");
    STRCMP_EQUAL("", fold_for_search(std::string_view {}).c_str());
}

TEST(TextFold, keeps_letters_of_other_scripts)
{
    check_fold("москва", "МОСКВА");
    check_fold("東京", "東京");
}

TEST(TextFold, is_idempotent)
{
    std::vector<std::string> const samples { "Đăng ký khai sinh", "CHỨNG THỰC bản sao", "ＦＵＬＬ ²", "Straße ǅ ﬃ",
        between_words("\xED\xA0\x80"), "ΐ ΰ ᾷ", "i̇ İ ŉ", "한국어", "e" + marks(DOT_BELOW, CIRCUMFLEX) };
    for (auto const& sample : samples) {
        std::string const once = fold_for_search(sample);
        STRCMP_EQUAL_TEXT(once.c_str(), fold_for_search(once).c_str(), ("input: " + sample).c_str());
    }
}

TEST(TextFold, is_idempotent_for_every_code_point)
{
    // Folding re-folds the library's output until it is stable; this checks it over all of Unicode.
    long unstable = 0;
    for (char32_t code_point = 0; code_point <= U'\U0010FFFF'; ++code_point) {
        if (code_point >= 0xD800 && code_point <= 0xDFFF)
            continue;
        std::string const once = fold_for_search("x" + utf8(code_point) + "y");
        if (fold_for_search(once) != once)
            ++unstable;
    }
    LONGS_EQUAL(0, unstable);
}

TEST_GROUP(SearchTokens) {};

TEST(SearchTokens, splits_folded_words)
{
    auto const tokens = search_tokens("  Đăng ký, khai-sinh!  ");
    LONGS_EQUAL(4, static_cast<long>(tokens.size()));
    STRCMP_EQUAL("dang", tokens.at(0).c_str());
    STRCMP_EQUAL("ky", tokens.at(1).c_str());
    STRCMP_EQUAL("khai", tokens.at(2).c_str());
    STRCMP_EQUAL("sinh", tokens.at(3).c_str());
}

TEST(SearchTokens, gives_one_token_for_one_word)
{
    auto const tokens = search_tokens("Thường");
    LONGS_EQUAL(1, static_cast<long>(tokens.size()));
    STRCMP_EQUAL("thuong", tokens.at(0).c_str());
}

TEST(SearchTokens, gives_no_tokens_for_empty_or_blank_input)
{
    CHECK_TRUE(search_tokens("").empty());
    CHECK_TRUE(search_tokens(" \t\n-–—.").empty());
    CHECK_TRUE(search_tokens("\xFF\xFE").empty());
}

TEST_GROUP(HasDiacritics) {};

TEST(HasDiacritics, sees_tone_and_vowel_marks_in_nfc_and_nfd)
{
    for (auto const& vowel : VOWELS) {
        for (std::size_t tone = 0; tone < TONE_COUNT; ++tone) {
            bool const marked = vowel.vowel_mark != NO_MARK || TONES.at(tone) != NO_MARK;
            CHECK_EQUAL_TEXT(marked, has_diacritics(vowel.nfc_lower.at(tone)), vowel.nfc_lower.at(tone));
            CHECK_EQUAL_TEXT(marked, has_diacritics(vowel.nfc_upper.at(tone)), vowel.nfc_upper.at(tone));
            CHECK_EQUAL(marked, has_diacritics(nfd(vowel.base, vowel.vowel_mark, TONES.at(tone))));
        }
    }
}

TEST(HasDiacritics, sees_d_with_stroke)
{
    CHECK_TRUE(has_diacritics("đi"));
    CHECK_TRUE(has_diacritics("ĐI"));
    CHECK_TRUE(has_diacritics("Đăng ký khai sinh"));
}

TEST(HasDiacritics, ignores_case_punctuation_and_invalid_bytes)
{
    CHECK_FALSE(has_diacritics(""));
    CHECK_FALSE(has_diacritics("DANG KY khai sinh, 2025!"));
    CHECK_FALSE(has_diacritics("a\xFF\xC3"));
    CHECK_FALSE(has_diacritics("Æ œ"));
}
