// SPDX-License-Identifier: MIT
#include <printer/ttf_text_rasterizer.hpp>

#include <memory>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::drivers::TextStyle;
using kiosk::drivers::TtfTextRasterizer;

TEST_GROUP(TtfTextRasterizer)
{
    std::unique_ptr<TtfTextRasterizer> m_text;
    void setup() override { m_text = KIOSK_MUST(TtfTextRasterizer::open()); }
    void teardown() override { m_text.reset(); }
};

TEST(TtfTextRasterizer, width_grows_with_text_scale_and_weight)
{
    int const short_width = KIOSK_MUST(m_text->measure("Việt", TextStyle { 1, false }));
    int const long_width = KIOSK_MUST(m_text->measure("Việt Nam", TextStyle { 1, false }));
    int const big = KIOSK_MUST(m_text->measure("Việt", TextStyle { 2, false }));
    CHECK_TRUE(short_width > 0);
    CHECK_TRUE(long_width > short_width);
    CHECK_TRUE(big > short_width * 3 / 2);
    CHECK_TRUE(m_text->line_height(TextStyle { 2, false }) > m_text->line_height(TextStyle { 1, false }));
    LONGS_EQUAL(0, KIOSK_MUST(m_text->measure("", TextStyle {})));
}

TEST(TtfTextRasterizer, stacked_marks_draw_above_the_letter)
{
    // Ệ has a circumflex above and a dot below: dots both above and below plain E's box.
    kiosk::hal::RasterImage plain(64, 64);
    kiosk::hal::RasterImage marked(64, 64);
    KIOSK_CHECK_OK(m_text->draw("E", TextStyle { 1, false }, plain, 8, 8));
    KIOSK_CHECK_OK(m_text->draw("Ệ", TextStyle { 1, false }, marked, 8, 8));
    auto rows = [](kiosk::hal::RasterImage const& image, int& top, int& bottom) {
        top = 64;
        bottom = 0;
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x)
                if (image.dot(x, y)) {
                    top = std::min(top, y);
                    bottom = std::max(bottom, y);
                }
    };
    int plain_top = 0;
    int plain_bottom = 0;
    int marked_top = 0;
    int marked_bottom = 0;
    rows(plain, plain_top, plain_bottom);
    rows(marked, marked_top, marked_bottom);
    CHECK_TRUE(marked_top < plain_top);
    CHECK_TRUE(marked_bottom > plain_bottom);
}

TEST(TtfTextRasterizer, broken_utf8_is_refused)
{
    kiosk::hal::RasterImage image(8, 8);
    KIOSK_CHECK_ERRC(kiosk::Errc::invalid_argument, m_text->measure("\xE1\xBA", TextStyle {}));
    KIOSK_CHECK_ERRC(kiosk::Errc::invalid_argument, m_text->draw("a\xFF", TextStyle {}, image, 0, 0));
    KIOSK_CHECK_ERRC(kiosk::Errc::invalid_argument, m_text->measure(std::string_view("a\0b", 3), TextStyle {}));
}

TEST(TtfTextRasterizer, a_folder_without_the_fonts_is_not_found)
{
    kiosk::test::TempDir empty;
    KIOSK_CHECK_ERRC(kiosk::Errc::not_found, TtfTextRasterizer::open(empty.path()));
}
