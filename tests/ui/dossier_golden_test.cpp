// SPDX-License-Identifier: MIT
// Golden screenshots of the dossier result screen (vi and en, normal and large text, 540x960),
// built from status::Dossier values in process: no network. The comparison is golden_test.cpp's
// (8-bit grey PNGs in tests/golden/ui/, dossier_result* files). Regenerate with
// KIOSK_UPDATE_GOLDENS=1 and review the PNGs like code.
#include "golden_compare.hpp"
#include "ui_harness.hpp"

#include <status/dossier_lookup.hpp>
#include <status/holiday_calendar.hpp>
#include <ui/screens/screens.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::status::Dossier;
using kiosk::status::DossierState;
using kiosk::status::StepKind;
using kiosk::ui::test::compare_or_update;
using kiosk::ui::test::UiHarness;

namespace {

// The built-in holiday calendar is made once, on first use: before the leak checker looks.
[[maybe_unused]] kiosk::status::HolidayCalendar const& BUILT_IN = kiosk::status::HolidayCalendar::vietnam();

kiosk::status::Date day(int y, int m, int d) { return *kiosk::status::make_date(y, m, d); }

/// An overdue dossier of a procedure handled by another agency, with a fee (the harness's day is
/// 2025-07-01).
Dossier overdue_dossier()
{
    Dossier d;
    d.code = "H40.50-DEMO-0009";
    d.procedure_code = "1.004222";
    d.procedure_name = "Cấp phiếu lý lịch tư pháp";
    d.state = DossierState::in_progress;
    d.received = day(2025, 6, 13);
    d.due = day(2025, 6, 27);
    d.receiving_agency = "Trung tâm Phục vụ hành chính công phường Sài Gòn";
    d.handling_agency = "Sở Tư pháp TP. Hồ Chí Minh";
    d.fee = kiosk::status::Fee { 200000, true };
    d.timeline = { { day(2025, 6, 13), StepKind::received, d.receiving_agency, "" },
        { day(2025, 6, 16), StepKind::transferred, d.handling_agency, "chuyển xử lý" },
        { day(2025, 6, 16), StepKind::processing, d.handling_agency, "thẩm định hồ sơ" } };
    return d;
}

Dossier ready_dossier()
{
    Dossier d = overdue_dossier();
    d.state = DossierState::result_ready;
    d.timeline.push_back({ day(2025, 7, 1), StepKind::result_ready, d.handling_agency, "" });
    return d;
}

/// Receipts go nowhere (tests only): the print button shows.
class NullPrintService final : public kiosk::ui::PrintService {
public:
    void print(kiosk::hal::ReceiptDocument) override { }
};

void check_result(Dossier dossier, kiosk::status::Source source, bool english, bool large, std::string const& name)
{
    NullPrintService printer;
    kiosk::ui::Services services;
    services.printer = &printer;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    h.tap("Chạm vào đây để bắt đầu");
    // Cached at 10:42 in Viet Nam on the harness's day.
    auto const as_of = source == kiosk::status::Source::cache
        ? std::chrono::sys_days(day(2025, 7, 1)) + std::chrono::hours(3) + std::chrono::minutes(42)
        : h.clock().wall_now();
    h.ui().session().dossier_result = kiosk::status::LookupResult { std::move(dossier), source, as_of, std::nullopt };
    h.ui().navigate({ kiosk::ui::NavRequest::Kind::push, [] { return kiosk::ui::make_dossier_result_screen(); } });
    h.settle();
    if (english)
        h.tap("English");
    if (large)
        h.tap(english ? "Large text" : "Chữ to");
    auto const file = name + "-" + (english ? "en" : "vi") + "-" + (large ? "large" : "normal");
    auto const problem = compare_or_update(h, file);
    CHECK_TEXT(problem.empty(), problem.c_str());
}

} // namespace

TEST_GROUP(DossierGoldens) {};

TEST(DossierGoldens, OverdueResultVietnameseAndEnglishNormalAndLarge)
{
    for (bool const english : { false, true })
        for (bool const large : { false, true })
            check_result(overdue_dossier(), kiosk::status::Source::live, english, large, "dossier_result");
}

TEST(DossierGoldens, CachedReadyResult)
{
    for (bool const english : { false, true })
        check_result(ready_dossier(), kiosk::status::Source::cache, english, false, "dossier_result_cached");
}
