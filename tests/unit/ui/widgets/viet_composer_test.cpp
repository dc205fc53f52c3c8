// SPDX-License-Identifier: MIT
#include "ui/widgets/viet_composer.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::ui::Tone;
using kiosk::ui::VietComposer;
using kiosk::ui::VowelMark;

namespace {
std::string tone(char const* text, Tone t) { return VietComposer::apply_tone(text, t); }
std::string mark(char const* text, VowelMark m) { return VietComposer::apply_mark(text, m); }
} // namespace

TEST_GROUP(VietComposer) {};

TEST(VietComposer, SingleVowelTakesTheTone)
{
    STRCMP_EQUAL("má", tone("ma", Tone::acute).c_str());
    STRCMP_EQUAL("mà", tone("ma", Tone::grave).c_str());
    STRCMP_EQUAL("mả", tone("ma", Tone::hook).c_str());
    STRCMP_EQUAL("mã", tone("ma", Tone::tilde).c_str());
    STRCMP_EQUAL("mạ", tone("ma", Tone::dot).c_str());
}

TEST(VietComposer, MarkedVowelTakesTheTone)
{
    STRCMP_EQUAL("việt", tone("viêt", Tone::dot).c_str());
    STRCMP_EQUAL("người", tone("ngươi", Tone::grave).c_str());
    STRCMP_EQUAL("muốn", tone("muôn", Tone::acute).c_str());
    STRCMP_EQUAL("hữu", tone("hưu", Tone::tilde).c_str());
}

TEST(VietComposer, FinalConsonantPutsItOnTheLastVowel)
{
    STRCMP_EQUAL("toán", tone("toan", Tone::acute).c_str());
    STRCMP_EQUAL("hoàng", tone("hoang", Tone::grave).c_str());
}

TEST(VietComposer, OpenSyllablesFollowTheTraditionalRule)
{
    STRCMP_EQUAL("hòa", tone("hoa", Tone::grave).c_str());
    STRCMP_EQUAL("mía", tone("mia", Tone::acute).c_str());
    STRCMP_EQUAL("thủy", tone("thuy", Tone::hook).c_str());
    STRCMP_EQUAL("ngoái", tone("ngoai", Tone::acute).c_str());
}

TEST(VietComposer, QuAndGiCountAsConsonants)
{
    STRCMP_EQUAL("quý", tone("quy", Tone::acute).c_str());
    STRCMP_EQUAL("già", tone("gia", Tone::grave).c_str());
    STRCMP_EQUAL("quốc", tone("quôc", Tone::acute).c_str());
}

TEST(VietComposer, OnlyTheLastWordChangesAndCaseIsKept)
{
    STRCMP_EQUAL("đăng ký", tone("đăng ky", Tone::acute).c_str());
    STRCMP_EQUAL("KHAI SÍNH", tone("KHAI SINH", Tone::acute).c_str());
}

TEST(VietComposer, SameToneAgainRemovesItAnotherReplacesIt)
{
    STRCMP_EQUAL("ma", tone("má", Tone::acute).c_str());
    STRCMP_EQUAL("mà", tone("má", Tone::grave).c_str());
    CHECK(Tone::grave == VietComposer::tone_of_last_word("xin chào"));
}

TEST(VietComposer, NoVowelLeavesTextUnchanged)
{
    STRCMP_EQUAL("", tone("", Tone::acute).c_str());
    STRCMP_EQUAL("abc xyz ", tone("abc xyz ", Tone::acute).c_str());
    STRCMP_EQUAL("123", tone("123", Tone::acute).c_str());
}

TEST(VietComposer, MarksMakeTheVietnameseVowels)
{
    STRCMP_EQUAL("cân", mark("can", VowelMark::circumflex).c_str());
    STRCMP_EQUAL("căn", mark("can", VowelMark::breve).c_str());
    STRCMP_EQUAL("cơ", mark("co", VowelMark::horn).c_str());
    STRCMP_EQUAL("ngươi", mark("nguoi", VowelMark::horn).c_str());
    STRCMP_EQUAL("đi", mark("di", VowelMark::stroke).c_str());
    STRCMP_EQUAL("di", mark("đi", VowelMark::stroke).c_str());
    STRCMP_EQUAL("can", mark("cân", VowelMark::circumflex).c_str());
}

TEST(VietComposer, MarkKeepsTheToneAndMovesItWhereItBelongs)
{
    // "tuọi" + horn: "tươi" with the dot moving onto ơ.
    STRCMP_EQUAL("tượi", mark("tuọi", VowelMark::horn).c_str());
    STRCMP_EQUAL("việt", mark("viẹt", VowelMark::circumflex).c_str());
}
