// SPDX-License-Identifier: MIT
// Golden screenshots of the procedures flow with the sample catalog: search with results,
// "no results", browse by life event and by field, a group's list, and the detail screen, in
// vi and en, normal and large text, at 540x960 (as tests/ui/golden_test.cpp: 8-bit grey PNGs
// in tests/golden/ui/, prefix "procedures-"). Regenerate with KIOSK_UPDATE_GOLDENS=1 and review.
#include "golden_compare.hpp"
#include "ui_harness.hpp"

#include "support/temp_dir.hpp"

#include <catalog/catalog_json.hpp>
#include <catalog/catalog_store.hpp>
#include <codes/qr_encoder.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::test::TempDir;
using kiosk::ui::test::compare_or_update;
using kiosk::ui::test::UiHarness;

namespace {

// ZXing builds its tables on first use and keeps them: before main(), not inside a test.
struct WarmQrEncoder {
    WarmQrEncoder() { (void)kiosk::codes::QrEncoder::encode("warm up"); }
} const WARM_QR_ENCODER;

/// The sample catalog in a temporary SQLite file.
struct SampleCatalog {
    TempDir dir;
    std::unique_ptr<kiosk::catalog::CatalogStore> store;
    SampleCatalog()
    {
        auto parsed = KIOSK_MUST(kiosk::catalog::read_catalog_file(
            (std::filesystem::path(KIOSK_SOURCE_DIR) / "firmware/catalog/data/sample_catalog.json").string()));
        (void)KIOSK_MUST(kiosk::catalog::import_catalog(parsed, dir.path() / "catalog.sqlite"));
        store = KIOSK_MUST(kiosk::catalog::CatalogStore::open(dir.path() / "catalog.sqlite"));
    }
};

struct Route {
    char const* name;
    std::function<void(UiHarness&)> go;
};

void to_procedures(UiHarness& h)
{
    h.tap("Chạm vào đây để bắt đầu");
    h.tap("Tra cứu thủ tục");
}

std::vector<Route> routes()
{
    return {
        { "search",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Tìm theo tên thủ tục");
                h.ui().type_text("giay khai sinh");
            } },
        { "no_results",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Tìm theo tên thủ tục");
                h.ui().type_text("zqxwv");
            } },
        { "browse", [](UiHarness& h) {
                to_procedures(h);
                h.tap("Xem theo sự kiện trong đời");
            } },
        { "browse_fields",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Xem theo sự kiện trong đời");
                h.tap("Theo lĩnh vực");
            } },
        { "group",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Xem theo sự kiện trong đời");
                h.tap("Sinh con");
            } },
        { "detail",
            [](UiHarness& h) {
                to_procedures(h);
                h.tap("Tìm theo tên thủ tục");
                h.ui().type_text("khai sinh");
                h.tap("Đăng ký khai sinh");
            } },
    };
}

void check(Route const& route, bool english, bool large)
{
    SampleCatalog catalog;
    kiosk::ui::Services services;
    services.catalog = catalog.store.get();
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    route.go(h);
    if (english)
        h.tap("English");
    if (large)
        h.tap(english ? "Large text" : "Chữ to");
    auto const name = std::string("procedures-") + route.name + "-" + (english ? "en" : "vi") + "-" + (large ? "large" : "normal");
    auto const problem = compare_or_update(h, name);
    CHECK_TEXT(problem.empty(), problem.c_str());
}

} // namespace

TEST_GROUP(ProceduresGolden) {};

TEST(ProceduresGolden, EveryScreenVietnameseAndEnglish)
{
    for (auto const& route : routes()) {
        check(route, false, false);
        check(route, true, false);
    }
}

TEST(ProceduresGolden, SearchBrowseAndDetailInLargeText)
{
    for (auto const& route : routes()) {
        std::string const name = route.name;
        if (name == "search" || name == "browse" || name == "detail") {
            check(route, false, true);
            check(route, true, true);
        }
    }
}

TEST(ProceduresGolden, ADifferentFrameIsCaught)
{
    if (kiosk::ui::test::updating_goldens())
        return;
    SampleCatalog catalog;
    kiosk::ui::Services services;
    services.catalog = catalog.store.get();
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    routes()[0].go(h);
    auto const problem = compare_or_update(h, "procedures-detail-vi-normal");
    CHECK_TEXT(!problem.empty(), "the search frame matched the detail golden");
}
