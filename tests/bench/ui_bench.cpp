// SPDX-License-Identifier: MIT
// UI figures at 1080x1920 headless (SDL dummy video, software renderer), as on the sim board:
// cold start to the first interactive frame, frame times while scrolling a long list and
// while typing, peak RSS. Prints figures; asserts nothing about time.
// Goal (issue 8): interactive <= 150 ms, p99 frame <= 8 ms, <= 80 MiB.
//
// Frame time is wall time (tick + render) and, beside it, the UI thread's own CPU time (what
// the frame costs, less sensitive to other programs on a shared machine), and the pixels
// painted. KIOSK_BENCH_FULL_REDRAW=1 paints every frame whole (damage tracking off), as the
// UI did before: the same binary gives the before/after figures. KIOSK_BENCH_NO_CATALOG=1
// types without the sample catalog (no results list under the field).
#include <catalog/catalog_store.hpp>
#include <clock/manual_clock.hpp>
#include <ui/app/kiosk_ui.hpp>
#include <ui/core/canvas.hpp>
#include <ui/core/sdl_library.hpp>
#include <ui/widgets/button.hpp>
#include <ui/widgets/scroll_view.hpp>

#include <sys/resource.h>

#include <ctime>
#include <cstdlib>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Steady = std::chrono::steady_clock;

double ms_since(Steady::time_point start)
{
    return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

double thread_cpu_ms()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
}

bool env_set(char const* name)
{
    char const* value = std::getenv(name);
    return value != nullptr && std::string(value) == "1";
}

/// Wall and CPU time of each frame, and the pixels it painted.
struct Frames {
    std::vector<double> wall_ms;
    std::vector<double> cpu_ms;
    std::vector<double> painted_px;
};

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    auto const index = static_cast<std::size_t>(std::lround(p * static_cast<double>(values.size() - 1)));
    return values[std::min(index, values.size() - 1)];
}

double peak_rss_mib()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

} // namespace

int main()
{
    using namespace kiosk;
    bool const full_redraw = env_set("KIOSK_BENCH_FULL_REDRAW");
    auto const start = Steady::now();
    auto sdl = KIOSK_MUST(ui::SdlLibrary::open(ui::VideoMode::headless));
    ui::DisplayLayout const layout(hal::DisplaySpec { 1080, 1920, 0, 102 });
    auto canvas = KIOSK_MUST(ui::Canvas::create_headless(layout.width(), layout.height()));
    canvas->set_damage_tracking(!full_redraw);
    drivers::ManualClock clock;
    ui::KioskUiOptions options;
    options.strings_folder = std::filesystem::path(KIOSK_SOURCE_DIR) / "ui" / "strings";
    // The sim board's catalog, as the kiosk opens it: typing shows live results.
    std::unique_ptr<catalog::CatalogStore> catalog;
    if (!env_set("KIOSK_BENCH_NO_CATALOG")) {
        auto opened = catalog::CatalogStore::open(std::filesystem::path(KIOSK_SOURCE_DIR) / "boards/sim/data/catalog.sqlite");
        if (opened)
            catalog = std::move(*opened);
        else
            std::printf("  (no catalog: %s)\n", opened.error().message().c_str());
    }
    ui::Services services;
    services.catalog = catalog.get();
    auto kiosk_ui = KIOSK_MUST(ui::KioskUi::create(*canvas, clock, layout, services, options));
    kiosk_ui->tick();
    kiosk_ui->render();
    double const cold_ms = ms_since(start);

    // Typing into the procedure search, one letter per frame (tick + render).
    for (auto const& hit : kiosk_ui->visible_texts())
        if (hit.tappable && hit.text == "Chạm vào đây để bắt đầu")
            kiosk_ui->tap(hit.rect.center());
    kiosk_ui->tick();
    for (char const* label : { "Tra cứu thủ tục", "Tìm theo tên thủ tục" }) {
        kiosk_ui->render();
        for (auto const& hit : kiosk_ui->visible_texts())
            if (hit.tappable && hit.text == label) {
                kiosk_ui->tap(hit.rect.center());
                break;
            }
        kiosk_ui->tick();
    }
    kiosk_ui->render();
    Frames typing;
    std::string const text = "dang ky khai sinh cho con ket hon cap lai giay ";
    std::string letter;
    for (int round = 0; round < 6; ++round)
        for (char c : text) {
            letter.assign(1, c);
            auto const frame = Steady::now();
            double const cpu = thread_cpu_ms();
            kiosk_ui->type_text(letter);
            clock.advance(std::chrono::milliseconds(16));
            kiosk_ui->tick();
            kiosk_ui->render();
            typing.cpu_ms.push_back(thread_cpu_ms() - cpu);
            typing.wall_ms.push_back(ms_since(frame));
            typing.painted_px.push_back(static_cast<double>(canvas->last_frame_stats().painted_px));
            // Backspace over each word now and then, so the query (and the results) keep changing.
            if (c == ' ' && round % 2 == 1) {
                ui::KeyPress backspace;
                backspace.kind = ui::KeyPress::Kind::clear;
                kiosk_ui->key(backspace);
            }
        }

    // Scrolling a long list (500 procedure rows in a scroll view filling the screen), a drag
    // then a fling, one frame per 16 ms of fake time.
    auto const& theme = ui::Theme::get(ui::ContrastMode::normal);
    auto const metrics = ui::Metrics::compute(layout, ui::TextSize::normal);
    auto fonts = KIOSK_MUST(ui::Fonts::open(ui::Fonts::default_regular(), ui::Fonts::default_bold()));
    ui::TextCache text_cache(canvas->renderer(), *fonts);
    ui::ScrollView list;
    list.set_rect({ metrics.content_x, metrics.bar_h, metrics.content_w, layout.height() - 2 * metrics.bar_h });
    char const* const names[] = { "Đăng ký khai sinh", "Đăng ký kết hôn", "Cấp bản sao trích lục hộ tịch",
        "Đăng ký thường trú", "Cấp đổi thẻ Căn cước", "Chứng thực bản sao từ bản chính", "Đăng ký khai tử",
        "Cấp giấy xác nhận tình trạng hôn nhân" };
    for (int i = 0; i < 500; ++i) {
        auto row = std::make_unique<ui::Button>(std::string(names[i % 8]) + " (" + std::to_string(i + 1) + ")",
            metrics.text_button, ui::ButtonKind::secondary, [] {});
        list.add_row(std::move(row), metrics.button_h, metrics.gap);
    }
    Frames scrolling;
    auto now = clock.now();
    auto frame_at = [&](auto&& input) {
        auto const frame = Steady::now();
        double const cpu = thread_cpu_ms();
        now += std::chrono::milliseconds(16);
        input();
        list.animate(now);
        ui::DrawContext context { *canvas, text_cache, theme, metrics, now };
        text_cache.begin_frame();
        canvas->clear(theme.background);
        list.draw(context);
        text_cache.end_frame();
        canvas->present();
        scrolling.cpu_ms.push_back(thread_cpu_ms() - cpu);
        scrolling.wall_ms.push_back(ms_since(frame));
        scrolling.painted_px.push_back(static_cast<double>(canvas->last_frame_stats().painted_px));
        if (std::getenv("KIOSK_BENCH_TRACE") != nullptr)
            std::printf("frame offset %.0f painted %llu damaged %llu shifted %llu regions %d\n", list.scroller().offset(),
                static_cast<unsigned long long>(canvas->last_frame_stats().painted_px),
                static_cast<unsigned long long>(canvas->last_frame_stats().damaged_px),
                static_cast<unsigned long long>(canvas->last_frame_stats().shifted_px), canvas->last_frame_stats().regions);
    };
    for (int fling = 0; fling < 8; ++fling) {
        int y = 1500;
        frame_at([&] { list.press({ 540, y }, now); });
        for (int i = 0; i < 10; ++i)
            frame_at([&] {
                y -= 80;
                list.move({ 540, y }, now);
            });
        frame_at([&] { list.release({ 540, y }, now); });
        for (int i = 0; i < 90; ++i)
            frame_at([] {});
    }

    std::printf("ui_bench (1080x1920, headless software renderer, %s)\n",
        full_redraw ? "every frame painted whole" : "only what changed painted");
    std::printf("  cold start to first interactive frame: %.1f ms (goal <= 150)\n", cold_ms);
    auto report = [](char const* what, Frames const& f) {
        std::printf("  %s frames: n=%zu wall p50 %.2f ms p99 %.2f ms (goal p99 <= 8); UI thread CPU p50 %.2f ms p99 %.2f "
                    "ms; painted p50 %.0f kpx p99 %.0f kpx\n",
            what, f.wall_ms.size(), percentile(f.wall_ms, 0.5), percentile(f.wall_ms, 0.99), percentile(f.cpu_ms, 0.5),
            percentile(f.cpu_ms, 0.99), percentile(f.painted_px, 0.5) / 1000.0, percentile(f.painted_px, 0.99) / 1000.0);
    };
    report(catalog ? "typing (live results)" : "typing (no catalog)", typing);
    report("scrolling", scrolling);
    std::printf("  list offset %.0f px of %d\n", list.scroller().offset(), list.content_height());
    std::printf("  text renders: %llu (kiosk) %llu (list)\n",
        static_cast<unsigned long long>(kiosk_ui->text_cache().renders()),
        static_cast<unsigned long long>(text_cache.renders()));
    std::printf("  peak RSS: %.1f MiB (goal <= 80)\n", peak_rss_mib());
    kiosk_ui.reset();
    return 0;
}
