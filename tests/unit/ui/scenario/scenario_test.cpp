// SPDX-License-Identifier: MIT
#include "ui/scenario/scenario.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::ui::parse_scenario;
using Kind = kiosk::ui::ScenarioStep::Kind;

TEST_GROUP(Scenario) {};

TEST(Scenario, ParsesEveryStepOfTheFormat)
{
    auto steps = parse_scenario(R"(# a tour
tap "Chạm vào đây để bắt đầu"
tap 540 960
type "khai sinh"   # trailing comment
scan "000.00.15.H56-250701-0001"
card hoa
remove-card
wait-for "Tra cứu"
wait-for "Tra cứu" 2.5
idle 90

screenshot home-vi
language en
)");
    CHECK(steps.has_value());
    LONGS_EQUAL(11, steps->size());
    auto const& s = *steps;
    CHECK(s[0].kind == Kind::tap_label);
    STRCMP_EQUAL("Chạm vào đây để bắt đầu", s[0].text.c_str());
    LONGS_EQUAL(2, s[0].line);
    CHECK(s[1].kind == Kind::tap_point);
    LONGS_EQUAL(540, s[1].x);
    LONGS_EQUAL(960, s[1].y);
    CHECK(s[2].kind == Kind::type);
    STRCMP_EQUAL("khai sinh", s[2].text.c_str());
    CHECK(s[3].kind == Kind::scan);
    CHECK(s[4].kind == Kind::card);
    STRCMP_EQUAL("hoa", s[4].text.c_str());
    CHECK(s[5].kind == Kind::remove_card);
    CHECK(s[6].kind == Kind::wait_for);
    DOUBLES_EQUAL(5.0, s[6].seconds, 1e-9);
    DOUBLES_EQUAL(2.5, s[7].seconds, 1e-9);
    CHECK(s[8].kind == Kind::idle);
    DOUBLES_EQUAL(90.0, s[8].seconds, 1e-9);
    CHECK(s[9].kind == Kind::screenshot);
    STRCMP_EQUAL("home-vi", s[9].text.c_str());
    LONGS_EQUAL(12, s[9].line);
    CHECK(s[10].kind == Kind::language);
}

TEST(Scenario, QuotesMayHoldHashesAndEscapes)
{
    auto steps = parse_scenario(R"(scan "a#b \"c\" \\ d")");
    CHECK(steps.has_value());
    STRCMP_EQUAL(R"(a#b "c" \ d)", (*steps)[0].text.c_str());
}

TEST(Scenario, ErrorsNameTheLine)
{
    struct Case {
        char const* text;
        int line;
        char const* says;
    };
    Case const cases[] = {
        { "tap \"ok\"\nfrobnicate", 2, "unknown step" },
        { "type \"unclosed", 1, "unclosed quote" },
        { "tap 10", 1, "tap takes" },
        { "tap -1 5", 1, "pixel numbers" },
        { "idle soon", 1, "idle takes SECONDS" },
        { "wait-for text", 1, "wait-for takes" },
        { "wait-for \"x\" 1e9", 1, "must be a number" },
        { "screenshot ../etc/passwd", 1, "screenshot takes a NAME" },
        { "language fr", 1, "vi or en" },
        { "type unquoted", 1, "double-quoted" },
        { "\n\nremove-card now", 3, "no argument" },
        { "card \"hoa\"", 1, "persona" },
        { "tap \"a\"b", 1, "followed by a space" },
        { "\"tap\"", 1, "starts with its name" },
    };
    for (auto const& c : cases) {
        auto steps = parse_scenario(c.text);
        CHECK_TEXT(!steps.has_value(), c.text);
        LONGS_EQUAL_TEXT(c.line, steps.error().line, c.text);
        CHECK_TEXT(steps.error().message.find(c.says) != std::string::npos, steps.error().message.c_str());
    }
}

TEST(Scenario, EmptyFileHasNoSteps)
{
    auto steps = parse_scenario("# nothing\n\n   \n");
    CHECK(steps.has_value());
    LONGS_EQUAL(0, steps->size());
}

TEST(Scenario, DragTakesTwoPoints)
{
    auto steps = parse_scenario("drag 540 1150 540 450\n");
    CHECK(steps.has_value());
    LONGS_EQUAL(1, steps->size());
    CHECK((*steps)[0].kind == Kind::drag);
    LONGS_EQUAL(540, (*steps)[0].x);
    LONGS_EQUAL(1150, (*steps)[0].y);
    LONGS_EQUAL(540, (*steps)[0].x2);
    LONGS_EQUAL(450, (*steps)[0].y2);
    for (char const* bad : { "drag 1 2 3", "drag 1 2 3 4 5", "drag 1 2 3 x", "drag -1 2 3 4", "drag \"1\" 2 3 4" }) {
        auto failed = parse_scenario(bad);
        CHECK_TEXT(!failed.has_value(), bad);
        CHECK_TEXT(failed.error().message.find("drag takes four pixel numbers") != std::string::npos, bad);
    }
}
