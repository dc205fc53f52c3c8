// SPDX-License-Identifier: MIT
#include <kiosk/hal/utf8.hpp>

#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

namespace utf8 = kiosk::utf8;

namespace {

std::vector<char32_t> decode_all(std::string_view text, bool& ok)
{
    std::vector<char32_t> out;
    std::size_t offset = 0;
    ok = true;
    while (offset < text.size()) {
        auto code = utf8::next(text, offset);
        if (!code) {
            ok = false;
            break;
        }
        out.push_back(*code);
    }
    return out;
}

} // namespace

TEST_GROUP(Utf8) {};

TEST(Utf8, DecodesVietnameseOneCodePointPerLetter)
{
    bool ok = false;
    auto const codes = decode_all("Đăng ký khai sinh", ok);
    CHECK_TRUE(ok);
    LONGS_EQUAL(17, codes.size());
    CHECK_TRUE(codes[0] == U'Đ');
    CHECK_TRUE(codes[1] == U'ă');
    CHECK_TRUE(codes[6] == U'ý');
}

TEST(Utf8, FourByteSequencesAndTheEdgesOfTheRange)
{
    bool ok = false;
    auto const codes = decode_all("\xF0\x9F\x99\x82 \xF4\x8F\xBF\xBF", ok); // U+1F642, U+10FFFF
    CHECK_TRUE(ok);
    LONGS_EQUAL(3, codes.size());
    CHECK_TRUE(codes[0] == U'\U0001F642');
    CHECK_TRUE(codes[2] == U'\U0010FFFF');
}

TEST(Utf8, BrokenSequencesAreRefusedAndTheOffsetStays)
{
    for (std::string_view const broken :
        { std::string_view("\xC3"), std::string_view("\xE1\xBA"), std::string_view("\x80"),
            std::string_view("\xC0\xAF"), std::string_view("\xE0\x80\xAF"), std::string_view("\xED\xA0\x80"),
            std::string_view("\xF4\x90\x80\x80"), std::string_view("\xFF"), std::string_view("\xC3\x28") }) {
        std::size_t offset = 0;
        CHECK_FALSE(utf8::next(broken, offset).has_value());
        LONGS_EQUAL(0, offset);
        CHECK_FALSE(utf8::valid(broken));
    }
    CHECK_TRUE(utf8::valid(""));
    CHECK_TRUE(utf8::valid("Nguyễn Thị Hoa"));
}

TEST(Utf8, AppendRoundTripsAndReplacesNonScalars)
{
    std::string out;
    for (char32_t code : { U'A', U'ư', U'ễ', U'\U0001F642' })
        utf8::append(out, code);
    STRCMP_EQUAL("Aưễ\xF0\x9F\x99\x82", out.c_str());
    std::string bad;
    utf8::append(bad, 0xD800);
    utf8::append(bad, 0x110000);
    STRCMP_EQUAL("\xEF\xBF\xBD\xEF\xBF\xBD", bad.c_str());
}
