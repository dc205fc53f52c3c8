// SPDX-License-Identifier: MIT
// Every text colour of both themes against the background it is drawn on: >= 7:1 (WCAG AAA).
#include <ui/core/color.hpp>
#include <ui/core/theme.hpp>

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::ui::contrast_ratio;
using kiosk::ui::ContrastMode;
using kiosk::ui::Theme;

TEST_GROUP(ThemeContrast) {};

TEST(ThemeContrast, RatioMatchesTheWcagFormula)
{
    DOUBLES_EQUAL(21.0, contrast_ratio({ 0, 0, 0 }, { 255, 255, 255 }), 1e-9);
    DOUBLES_EQUAL(1.0, contrast_ratio({ 120, 30, 200 }, { 120, 30, 200 }), 1e-9);
    // #777777 on white is the classic 4.48:1.
    DOUBLES_EQUAL(4.48, contrast_ratio({ 0x77, 0x77, 0x77 }, { 255, 255, 255 }), 0.01);
}

TEST(ThemeContrast, EveryTextPairIsAtLeastSevenToOne)
{
    for (auto mode : { ContrastMode::normal, ContrastMode::high }) {
        for (auto const& pair : Theme::get(mode).text_pairs()) {
            double const ratio = contrast_ratio(pair.foreground, pair.background);
            std::string const what = std::string(mode == ContrastMode::high ? "high: " : "normal: ")
                + std::string(pair.name) + " " + std::to_string(ratio);
            CHECK_TEXT(ratio >= 7.0, what.c_str());
        }
    }
}

TEST(ThemeContrast, HighContrastIsAtLeastAsStrongAsNormal)
{
    auto const normal = Theme::get(ContrastMode::normal).text_pairs();
    auto const high = Theme::get(ContrastMode::high).text_pairs();
    for (std::size_t i = 0; i < normal.size(); ++i)
        CHECK_TEXT(contrast_ratio(high[i].foreground, high[i].background) + 1e-9
                >= std::min(15.0, contrast_ratio(normal[i].foreground, normal[i].background)),
            std::string(high[i].name).c_str());
}
