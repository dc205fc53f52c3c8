// SPDX-License-Identifier: MIT
#include "ui/core/text_wrap.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::ui::wrap_text;

namespace {
// Every code point is 10 px wide, so widths are easy to reason about.
int measure(std::string_view text)
{
    int count = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U)
            ++count;
    return count * 10;
}
} // namespace

TEST_GROUP(TextWrap) {};

TEST(TextWrap, ShortTextIsOneLine)
{
    auto lines = wrap_text("xin chào", 200, measure);
    LONGS_EQUAL(1, lines.size());
    STRCMP_EQUAL("xin chào", lines[0].c_str());
}

TEST(TextWrap, BreaksAtSpacesByMeasuredWidth)
{
    // "Đăng ký khai sinh" = 4 + 1 + 2 + 1 + 4 + 1 + 4 code points: at 90 px "Đăng ký" (7) fits,
    // "Đăng ký khai" (12) does not, "khai sinh" (9) does.
    auto lines = wrap_text("Đăng ký khai sinh", 90, measure);
    LONGS_EQUAL(2, lines.size());
    STRCMP_EQUAL("Đăng ký", lines[0].c_str());
    STRCMP_EQUAL("khai sinh", lines[1].c_str());
    for (auto const& line : lines)
        CHECK(measure(line) <= 90);
}

TEST(TextWrap, LongWordIsCutBetweenCodePointsNotBytes)
{
    auto lines = wrap_text("ườườườườ", 30, measure);
    LONGS_EQUAL(3, lines.size());
    STRCMP_EQUAL("ườư", lines[0].c_str());
    STRCMP_EQUAL("ờườ", lines[1].c_str());
    STRCMP_EQUAL("ườ", lines[2].c_str());
}

TEST(TextWrap, NewlineAlwaysBreaksAndEmptyTextIsOneEmptyLine)
{
    auto lines = wrap_text("a\nb c", 1000, measure);
    LONGS_EQUAL(2, lines.size());
    STRCMP_EQUAL("a", lines[0].c_str());
    STRCMP_EQUAL("b c", lines[1].c_str());
    auto empty = wrap_text("", 100, measure);
    LONGS_EQUAL(1, empty.size());
    STRCMP_EQUAL("", empty[0].c_str());
}

TEST(TextWrap, RepeatedSpacesAreDroppedAtBreaks)
{
    auto lines = wrap_text("aaaa     bbbb", 50, measure);
    LONGS_EQUAL(2, lines.size());
    STRCMP_EQUAL("aaaa", lines[0].c_str());
    STRCMP_EQUAL("bbbb", lines[1].c_str());
}

TEST(TextWrap, NarrowerThanOneCodePointStillProgresses)
{
    auto lines = wrap_text("abc", 5, measure);
    LONGS_EQUAL(3, lines.size());
}
