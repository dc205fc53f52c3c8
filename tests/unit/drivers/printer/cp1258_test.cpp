// SPDX-License-Identifier: MIT
#include <printer/cp1258.hpp>

#include <string>

#include "contract/contract_support.hpp"

namespace cp1258 = kiosk::drivers::cp1258;

TEST_GROUP(Cp1258) {};

TEST(Cp1258, ascii_is_unchanged)
{
    auto encoded = cp1258::encode("Ma ho so: G22-0042");
    KIOSK_CHECK_OK(encoded);
    STRCMP_EQUAL("Ma ho so: G22-0042", encoded->c_str());
}

TEST(Cp1258, base_letters_have_their_own_bytes)
{
    auto encoded = cp1258::encode("ăâđêôơưĂÂĐÊÔƠƯ");
    KIOSK_CHECK_OK(encoded);
    STRCMP_EQUAL("\xE3\xE2\xF0\xEA\xF4\xF5\xFD\xC3\xC2\xD0\xCA\xD4\xD5\xDD", encoded->c_str());
}

TEST(Cp1258, toned_letters_become_base_plus_combining_tone)
{
    // ế = ê + acute (0xEC); ợ = ơ + dot below (0xF2); ữ = ư + tilde (0xDE); ỷ = y + hook (0xD2);
    // ừ = ư + grave (0xCC).
    auto encoded = cp1258::encode("ếợữỷừ");
    KIOSK_CHECK_OK(encoded);
    STRCMP_EQUAL("\xEA\xEC\xF5\xF2\xFD\xDE\x79\xD2\xFD\xCC", encoded->c_str());
    LONGS_EQUAL(5, cp1258::columns(*encoded));
}

TEST(Cp1258, letters_in_latin1_keep_their_single_byte)
{
    auto encoded = cp1258::encode("àáèéíóùú");
    KIOSK_CHECK_OK(encoded);
    LONGS_EQUAL(8, static_cast<long>(encoded->size()));
    // ì ò ý sit where CP1258 keeps its tone marks and ư: they go as base + tone.
    auto moved = cp1258::encode("ìòý");
    KIOSK_CHECK_OK(moved);
    STRCMP_EQUAL("i\xCCo\xCCy\xEC", moved->c_str());
}

TEST(Cp1258, every_vietnamese_letter_round_trips_to_the_same_glyphs)
{
    // NFC text -> CP1258 -> UTF-8 is NFD-like (tones combining); compare by re-encoding.
    std::string const all = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
                            "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ";
    auto encoded = cp1258::encode(all);
    KIOSK_CHECK_OK(encoded);
    LONGS_EQUAL(146, cp1258::columns(*encoded));
    auto again = cp1258::encode(cp1258::decode(*encoded));
    KIOSK_CHECK_OK(again);
    STRCMP_EQUAL(encoded->c_str(), again->c_str());
}

TEST(Cp1258, characters_outside_the_code_page_are_unsupported)
{
    KIOSK_CHECK_ERRC(kiosk::Errc::unsupported, cp1258::encode("中文"));
    KIOSK_CHECK_ERRC(kiosk::Errc::unsupported, cp1258::encode("emoji 😀"));
}

TEST(Cp1258, broken_utf8_is_invalid)
{
    KIOSK_CHECK_ERRC(kiosk::Errc::invalid_argument, cp1258::encode("\xC3"));
    KIOSK_CHECK_ERRC(kiosk::Errc::invalid_argument, cp1258::encode("a\xFF" "b"));
}

TEST(Cp1258, unassigned_bytes_decode_to_replacement)
{
    STRCMP_EQUAL("\xEF\xBF\xBD", cp1258::decode("\x81").c_str());
}
