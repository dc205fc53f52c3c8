// SPDX-License-Identifier: MIT
#include "ui/core/display_layout.hpp"

#include <CppUTest/TestHarness.h>

using kiosk::hal::DisplaySpec;
using kiosk::ui::DisplayLayout;
using kiosk::ui::Metrics;
using kiosk::ui::Point;
using kiosk::ui::TextSize;

TEST_GROUP(DisplayLayout) {};

TEST(DisplayLayout, RotationSwapsTheLogicalSize)
{
    DisplayLayout const portrait(DisplaySpec { 1080, 1920, 0, 102 });
    LONGS_EQUAL(1080, portrait.width());
    CHECK(portrait.portrait());
    DisplayLayout const turned(DisplaySpec { 1280, 800, 90, 149 });
    LONGS_EQUAL(800, turned.width());
    LONGS_EQUAL(1280, turned.height());
    CHECK(turned.portrait());
}

TEST(DisplayLayout, TouchMapsBackThroughEveryRotation)
{
    for (int rotation : { 0, 90, 180, 270 }) {
        DisplayLayout const layout(DisplaySpec { 1280, 800, rotation, 149 });
        for (Point logical : { Point { 0, 0 }, Point { 10, 20 }, Point { layout.width() - 1, layout.height() - 1 } }) {
            Point const panel = layout.logical_to_panel(logical);
            CHECK(panel.x >= 0 && panel.x < 1280 && panel.y >= 0 && panel.y < 800);
            CHECK(layout.panel_to_logical(panel) == logical);
        }
    }
}

TEST(DisplayLayout, NinetyDegreesClockwiseMapsTheTopLeftToThePanelsTopRight)
{
    // The picture turns clockwise: its top-left corner lands at the panel's top-right.
    DisplayLayout const layout(DisplaySpec { 1280, 800, 90, 149 });
    CHECK(layout.logical_to_panel({ 0, 0 }) == (Point { 1279, 0 }));
    CHECK(layout.panel_to_logical({ 1279, 0 }) == (Point { 0, 0 }));
}

TEST(DisplayLayout, TouchTargetIsFifteenMillimetres)
{
    DisplayLayout const layout(DisplaySpec { 1080, 1920, 0, 102 });
    // 15 mm at 102 dpi = 60.2 px, rounded up.
    LONGS_EQUAL(61, layout.min_touch_px());
    DisplayLayout const dense(DisplaySpec { 800, 480, 0, 133 });
    LONGS_EQUAL(79, dense.min_touch_px());
}

TEST(DisplayLayout, MetricsNeverGoBelowTheMinimums)
{
    for (auto spec : { DisplaySpec { 1080, 1920, 0, 102 }, DisplaySpec { 1920, 1080, 0, 102 },
             DisplaySpec { 800, 480, 0, 133 }, DisplaySpec { 540, 960, 0, 51 } }) {
        DisplayLayout const layout(spec);
        for (auto size : { TextSize::normal, TextSize::large }) {
            Metrics const m = Metrics::compute(layout, size);
            CHECK(m.button_h >= layout.min_touch_px());
            CHECK(m.key_h >= layout.min_touch_px());
            CHECK(m.bar_h >= layout.min_touch_px());
            CHECK(m.text_small >= layout.min_text_px());
            CHECK(m.content_w <= m.screen_w);
        }
    }
}

TEST(DisplayLayout, LargeTextIsLarger)
{
    DisplayLayout const layout(DisplaySpec { 1080, 1920, 0, 102 });
    auto const normal = Metrics::compute(layout, TextSize::normal);
    auto const large = Metrics::compute(layout, TextSize::large);
    CHECK(large.text_body > normal.text_body);
    CHECK(large.text_title > normal.text_title);
}

TEST(DisplayLayout, HalfSizeDisplayHalvesTheLayout)
{
    auto const full = Metrics::compute(DisplayLayout(DisplaySpec { 1080, 1920, 0, 102 }), TextSize::normal);
    auto const half = Metrics::compute(DisplayLayout(DisplaySpec { 540, 960, 0, 51 }), TextSize::normal);
    LONGS_EQUAL(full.text_body / 2, half.text_body);
    LONGS_EQUAL(full.button_h / 2, half.button_h);
}
