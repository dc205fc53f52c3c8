// SPDX-License-Identifier: MIT
#include "ui/widgets/text_edit.hpp"

#include <CppUTest/TestHarness.h>

using kiosk::ui::apply_key;
using kiosk::ui::code_point_count;
using kiosk::ui::KeyPress;
using kiosk::ui::Tone;

namespace {
KeyPress make(KeyPress::Kind kind, std::string text = {}, Tone tone = Tone::none)
{
    KeyPress press;
    press.kind = kind;
    press.text = std::move(text);
    press.tone = tone;
    return press;
}
} // namespace

TEST_GROUP(TextEdit) {};

TEST(TextEdit, TypingKhaiSinhWithToneKeys)
{
    std::string text;
    for (char const* letter : { "k", "h", "a", "i", " ", "s", "i", "n", "h" })
        text = apply_key(text, make(KeyPress::Kind::insert, letter), 80);
    STRCMP_EQUAL("khai sinh", text.c_str());
    text = apply_key(text, make(KeyPress::Kind::tone, {}, Tone::acute), 80);
    STRCMP_EQUAL("khai sính", text.c_str());
}

TEST(TextEdit, BackspaceRemovesOneCodePoint)
{
    STRCMP_EQUAL("ng", apply_key("ngư", make(KeyPress::Kind::backspace), 80).c_str());
    STRCMP_EQUAL("", apply_key("", make(KeyPress::Kind::backspace), 80).c_str());
    STRCMP_EQUAL("", apply_key("abc", make(KeyPress::Kind::clear), 80).c_str());
}

TEST(TextEdit, LimitCountsCodePoints)
{
    LONGS_EQUAL(3, code_point_count("ướa"));
    STRCMP_EQUAL("ướa", apply_key("ướ", make(KeyPress::Kind::insert, "a"), 3).c_str());
    STRCMP_EQUAL("ướa", apply_key("ướa", make(KeyPress::Kind::insert, "b"), 3).c_str());
}
