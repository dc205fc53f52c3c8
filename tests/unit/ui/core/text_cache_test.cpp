// SPDX-License-Identifier: MIT
// The text cache renders a text once, keeps what the current frame draws, and stays within its
// budget of texture memory by evicting the entries used longest ago.
#include "ui/core/canvas.hpp"
#include "ui/core/sdl_library.hpp"
#include "ui/core/text_cache.hpp"

#include <memory>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::ui::Canvas;
using kiosk::ui::Fonts;
using kiosk::ui::FontWeight;
using kiosk::ui::SdlLibrary;
using kiosk::ui::TextCache;
using kiosk::ui::TextStyle;
using kiosk::ui::VideoMode;

TEST_GROUP(TextCache)
{
    std::unique_ptr<SdlLibrary> sdl;
    std::unique_ptr<Canvas> canvas;
    std::unique_ptr<Fonts> fonts;
    std::unique_ptr<TextCache> cache;
    TextStyle const big { 120, FontWeight::bold, {} };

    void setup() override
    {
        sdl = KIOSK_MUST(SdlLibrary::open(VideoMode::headless));
        canvas = KIOSK_MUST(Canvas::create_headless(64, 64));
        fonts = KIOSK_MUST(Fonts::open(Fonts::default_regular(), Fonts::default_bold()));
        cache = std::make_unique<TextCache>(canvas->renderer(), *fonts);
    }
    void teardown() override
    {
        cache.reset();
        fonts.reset();
        canvas.reset();
        sdl.reset();
    }
    /// One frame drawing @p text.
    TextCache::Entry const* frame(std::string const& text) const
    {
        cache->begin_frame();
        auto const* entry = cache->get(text, big);
        cache->end_frame();
        return entry;
    }
};

TEST(TextCache, a_text_drawn_again_is_not_rendered_again)
{
    auto const* first = frame("Đăng ký khai sinh");
    CHECK(first != nullptr);
    CHECK(first->width > 0);
    LONGS_EQUAL(first->width * first->height * 4, static_cast<long>(first->bytes));
    frame("Đăng ký khai sinh");
    LONGS_EQUAL(1, static_cast<long>(cache->renders()));
    LONGS_EQUAL(static_cast<long>(first->bytes), static_cast<long>(cache->bytes()));
}

TEST(TextCache, texture_memory_stays_within_the_budget_and_the_oldest_go_first)
{
    // Each text is a wide 120 px line (about 1 MiB of pixels): far more than the budget holds.
    std::string const line = "Cấp giấy xác nhận tình trạng hôn nhân cho công dân số ";
    for (int i = 0; i < 60; ++i) {
        CHECK(frame(line + std::to_string(i)) != nullptr);
        CHECK(cache->bytes() <= TextCache::BUDGET_BYTES);
    }
    CHECK(cache->size() < 60U);
    // The newest are still cached, the oldest are not.
    auto const renders = cache->renders();
    frame(line + "59");
    LONGS_EQUAL(static_cast<long>(renders), static_cast<long>(cache->renders()));
    frame(line + "0");
    LONGS_EQUAL(static_cast<long>(renders + 1), static_cast<long>(cache->renders()));
}

TEST(TextCache, what_the_current_frame_draws_stays_even_over_budget)
{
    std::string const line = "Chứng thực bản sao từ bản chính giấy tờ văn bản ";
    cache->begin_frame();
    for (int i = 0; i < 30; ++i)
        CHECK(cache->get(line + std::to_string(i), big) != nullptr);
    cache->end_frame();
    LONGS_EQUAL(30, static_cast<long>(cache->size()));
    // The next frame draws none of them: all are evicted down to the budget.
    frame("x");
    CHECK(cache->bytes() <= TextCache::BUDGET_BYTES);
}

TEST(TextCache, clear_drops_every_texture)
{
    frame("Nguyễn Văn A");
    cache->clear();
    LONGS_EQUAL(0, static_cast<long>(cache->size()));
    LONGS_EQUAL(0, static_cast<long>(cache->bytes()));
    CHECK_FALSE(cache->holds_text_containing("Nguyễn"));
}
