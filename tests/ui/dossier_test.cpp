// SPDX-License-Identifier: MIT
// The dossier result screen in process: the timeline, due date and next step in plain words for
// dossiers in each situation (built from status::Dossier values, no network), the cached answer
// with its time (a real lookup cache file and a gateway port nobody listens on), the status slip
// handed to the print service, and the wipe.
#include "support/temp_dir.hpp"
#include "ui_harness.hpp"

#include <status/dossier_lookup.hpp>
#include <status/holiday_calendar.hpp>
#include <status/gateway_client.hpp>
#include <status/lookup_cache.hpp>
#include <ui/screens/screens.hpp>

#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::status::Date;
using kiosk::status::Dossier;
using kiosk::status::DossierState;
using kiosk::status::StepKind;
using kiosk::ui::test::UiHarness;

namespace {

// The built-in holiday calendar is made once, on first use: before the leak checker looks.
[[maybe_unused]] kiosk::status::HolidayCalendar const& BUILT_IN = kiosk::status::HolidayCalendar::vietnam();

Date day(int y, int m, int d) { return *kiosk::status::make_date(y, m, d); }

/// The harness clock's day is 2025-07-01 (a Tuesday), 15:00 in Viet Nam.
Dossier in_progress_dossier()
{
    Dossier d;
    d.code = "H40.50-TEST-0001";
    d.procedure_code = "1.001193";
    d.procedure_name = "Đăng ký khai sinh";
    d.state = DossierState::in_progress;
    d.received = day(2025, 6, 20);
    d.due = day(2025, 6, 25);
    d.receiving_agency = "Trung tâm Phục vụ hành chính công phường Sài Gòn";
    d.handling_agency = d.receiving_agency;
    d.timeline = { { day(2025, 6, 20), StepKind::received, d.receiving_agency, "" },
        { day(2025, 6, 23), StepKind::processing, d.handling_agency, "thẩm định hồ sơ" } };
    return d;
}

Dossier returned_dossier()
{
    Dossier d = in_progress_dossier();
    d.state = DossierState::returned;
    d.timeline.push_back({ day(2025, 6, 30), StepKind::result_ready, d.handling_agency, "" });
    d.timeline.push_back({ day(2025, 7, 1), StepKind::returned, d.receiving_agency, "" });
    return d;
}

Dossier supplement_dossier()
{
    Dossier d = in_progress_dossier();
    d.state = DossierState::supplement_requested;
    d.due.reset();
    d.documents_requested = { "Bản chính giấy chứng sinh" };
    d.timeline.push_back({ day(2025, 6, 24), StepKind::supplement_requested, d.handling_agency, "" });
    return d;
}

void show(UiHarness& h, Dossier dossier, kiosk::status::Source source = kiosk::status::Source::live,
    std::chrono::system_clock::time_point as_of = {})
{
    h.tap("Chạm vào đây để bắt đầu");
    if (as_of == std::chrono::system_clock::time_point {})
        as_of = h.clock().wall_now();
    h.ui().session().dossier_result = kiosk::status::LookupResult { std::move(dossier), source, as_of, std::nullopt };
    h.ui().navigate({ kiosk::ui::NavRequest::Kind::push, [] { return kiosk::ui::make_dossier_result_screen(); } });
    h.settle();
}

/// Receipts handed to the print service (tests only: the print worker has its own tests).
class FakePrintService final : public kiosk::ui::PrintService {
public:
    void print(kiosk::hal::ReceiptDocument document) override { documents.push_back(std::move(document)); }
    std::vector<kiosk::hal::ReceiptDocument> documents;
};

std::string all_text(kiosk::hal::ReceiptDocument const& document)
{
    std::string text;
    for (auto const& item : document.items) {
        if (auto const* block = std::get_if<kiosk::hal::TextBlock>(&item))
            text += block->text + "\n";
        if (auto const* qr = std::get_if<kiosk::hal::QrBlock>(&item))
            text += "QR:" + qr->payload + "\n";
    }
    return text;
}

/// A loopback port nobody listens on: bound, then closed.
int closed_port()
{
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    CHECK(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    CHECK(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

/// Taps @p label without waiting for background tasks afterwards (UiHarness::tap settles).
void tap_only(UiHarness& h, std::string_view label)
{
    for (auto const& hit : h.ui().visible_texts()) {
        if (hit.tappable && hit.text == label) {
            h.ui().tap(hit.rect.center());
            return;
        }
    }
    FAIL(("no tappable \"" + std::string(label) + "\"").c_str());
}

} // namespace

TEST_GROUP(DossierResultScreen) {};

TEST(DossierResultScreen, OverdueSaysHowManyWorkingDaysLate)
{
    UiHarness h;
    show(h, in_progress_dossier());
    STRCMP_EQUAL("dossier_result", std::string(h.ui().screen_name()).c_str());
    CHECK(h.shows("Mã hồ sơ: H40.50-TEST-0001"));
    CHECK(h.shows("Đang xử lý"));
    CHECK(h.shows("Ngày hẹn trả kết quả: 25/06/2025"));
    // 26, 27, 30 June and 1 July: four working days after the due date.
    CHECK(h.shows("Đã trễ hẹn 4 ngày làm việc"));
    CHECK(h.shows("20/06/2025: Đã nhận hồ sơ"));
    CHECK(h.shows("23/06/2025: Đang được xử lý"));
    CHECK(h.shows("Sắp tới: có kết quả để bạn nhận"));
    CHECK(h.shows("Bạn không cần làm gì"));
    CHECK(!h.shows("Ki-ốt chưa kết nối được"));
    // No printer: no print button.
    CHECK(!h.can_tap("In phiếu tình trạng hồ sơ"));
    h.tap("English");
    CHECK(h.shows("Late by 4 working days"));
    CHECK(h.shows("Result due on: 25/06/2025"));
}

TEST(DossierResultScreen, NotLateBeforeTheDueDate)
{
    UiHarness h;
    Dossier d = in_progress_dossier();
    d.due = day(2025, 7, 3);
    show(h, d);
    CHECK(h.shows("Ngày hẹn trả kết quả: 03/07/2025"));
    CHECK(!h.shows("trễ hẹn"));
}

TEST(DossierResultScreen, DoneDossierHasNoDueDateAndNothingToCome)
{
    UiHarness h;
    show(h, returned_dossier());
    CHECK(h.shows("Đã trả kết quả"));
    CHECK(h.shows("30/06/2025: Đã có kết quả"));
    CHECK(h.shows("01/07/2025: Đã trả kết quả"));
    CHECK(h.shows("Hồ sơ đã xong. Bạn không cần làm gì thêm."));
    CHECK(!h.shows("Ngày hẹn trả"));
    CHECK(!h.shows("trễ hẹn"));
    CHECK(!h.shows("Sắp tới"));
}

TEST(DossierResultScreen, ReadyResultIsNeverLateAndSaysWhereToCollect)
{
    UiHarness h;
    Dossier d = in_progress_dossier();
    d.state = DossierState::result_ready;
    d.timeline.push_back({ day(2025, 7, 1), StepKind::result_ready, d.handling_agency, "" });
    show(h, d);
    CHECK(h.shows("Đã có kết quả, mời bạn đến nhận"));
    CHECK(h.shows("Mời bạn đến quầy số 3, mang theo giấy biên nhận, để nhận kết quả."));
    CHECK(!h.shows("trễ hẹn"));
    h.tap("English");
    CHECK(h.shows("Come to counter 3 with your receipt to collect the result."));
}

TEST(DossierResultScreen, SupplementListsThePapersAndPausesTheDueDate)
{
    UiHarness h;
    show(h, supplement_dossier());
    CHECK(h.shows("Cần bổ sung giấy tờ"));
    CHECK(h.shows("Ngày hẹn trả sẽ được tính lại khi bạn nộp đủ giấy tờ."));
    CHECK(h.shows("Mang các giấy tờ sau đến quầy số 3"));
    CHECK(h.shows("• Bản chính giấy chứng sinh"));
    CHECK(!h.shows("trễ hẹn"));
}

TEST(DossierResultScreen, CachedAnswerSaysAsOfWhen)
{
    UiHarness h;
    // 03:42 UTC is 10:42 in Viet Nam, on the harness's day.
    auto const as_of = std::chrono::sys_days(day(2025, 7, 1)) + std::chrono::hours(3) + std::chrono::minutes(42);
    show(h, in_progress_dossier(), kiosk::status::Source::cache, as_of);
    CHECK(h.shows("Ki-ốt chưa kết nối được. Đây là thông tin lúc 10:42 hôm nay."));
    h.tap("English");
    CHECK(h.shows("as of 10:42 today"));
}

TEST(DossierResultScreen, CachedAnswerFromAnotherDayNamesTheDay)
{
    UiHarness h;
    auto const as_of = std::chrono::sys_days(day(2025, 6, 30)) + std::chrono::hours(2);
    show(h, in_progress_dossier(), kiosk::status::Source::cache, as_of);
    CHECK(h.shows("Đây là thông tin lúc 09:00 ngày 30/06/2025."));
}

TEST(DossierResultScreen, PrintsTheStatusSlipWithTheCodeAndAQrBackToIt)
{
    FakePrintService printer;
    kiosk::ui::Services services;
    services.printer = &printer;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    show(h, in_progress_dossier());
    h.tap("In phiếu tình trạng hồ sơ");
    LONGS_EQUAL(1, printer.documents.size());
    auto const& slip = printer.documents.front();
    CHECK(slip.privacy == kiosk::hal::Privacy::none);
    auto const text = all_text(slip);
    CHECK_TEXT(text.find("H40.50-TEST-0001") != std::string::npos, text.c_str());
    CHECK_TEXT(text.find("Đang xử lý") != std::string::npos, text.c_str());
    CHECK_TEXT(text.find("QR:" + kiosk::ui::dossier_lookup_url("H40.50-TEST-0001")) != std::string::npos, text.c_str());
}

TEST(DossierResultScreen, TheSlipIsPrintedInTheCitizensLanguage)
{
    FakePrintService printer;
    kiosk::ui::Services services;
    services.printer = &printer;
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    show(h, in_progress_dossier());
    h.tap("In phiếu tình trạng hồ sơ");
    h.tap("English");
    h.tap("Print status slip");
    CHECK(h.shows("Printing the status slip. Please take it from the printer slot."));
    LONGS_EQUAL(2, printer.documents.size());
    auto const vi = all_text(printer.documents[0]);
    auto const en = all_text(printer.documents[1]);
    CHECK_TEXT(vi.find("PHIẾU TRA CỨU HỒ SƠ") != std::string::npos, vi.c_str());
    CHECK_TEXT(vi.find("Trạng thái: Đang xử lý") != std::string::npos, vi.c_str());
    // Dates as Vietnamese write them, as on the screen.
    CHECK_TEXT(vi.find("In lúc 01/07/2025 15:00") != std::string::npos, vi.c_str());
    CHECK_TEXT(en.find("DOSSIER STATUS") != std::string::npos, en.c_str());
    CHECK_TEXT(en.find("Status: ") != std::string::npos, en.c_str());
    CHECK_TEXT(en.find("Trạng thái") == std::string::npos && en.find("Mã hồ sơ") == std::string::npos, en.c_str());
}

TEST(DossierResultScreen, WithoutAResultItSaysSo)
{
    UiHarness h;
    h.tap("Chạm vào đây để bắt đầu");
    h.ui().navigate({ kiosk::ui::NavRequest::Kind::push, [] { return kiosk::ui::make_dossier_result_screen(); } });
    h.settle();
    CHECK(h.shows("Chưa có hồ sơ nào để xem"));
}

TEST(DossierResultScreen, FinishWipesTheDossier)
{
    UiHarness h;
    show(h, in_progress_dossier());
    h.tap("Kết thúc");
    CHECK(!h.ui().session_state().dossier_result.has_value());
    CHECK(h.ui().session_state().empty());
    STRCMP_EQUAL("attract", std::string(h.ui().screen_name()).c_str());
    CHECK(!h.shows("H40.50-TEST-0001"));
}

TEST_GROUP(DossierLookupFlow) {};

TEST(DossierLookupFlow, GatewayDownShowsTheCachedAnswerOrCannotCheck)
{
    kiosk::test::TempDir dir;
    auto cache = KIOSK_MUST(kiosk::status::LookupCache::open(dir.path() / "cache.sqlite"));
    // What the gateway said this morning (08:05 in Viet Nam).
    auto const morning = std::chrono::sys_days(day(2025, 7, 1)) + std::chrono::hours(1) + std::chrono::minutes(5);
    KIOSK_MUST(cache->store(in_progress_dossier(), morning));
    kiosk::status::ClientOptions client_options;
    client_options.base_url = "http://127.0.0.1:" + std::to_string(closed_port());
    client_options.attempts = 1;
    auto client = KIOSK_MUST(kiosk::status::GatewayClient::create(client_options));
    kiosk::ui::Services services;
    // The lookup's clock is on the harness's day too (ManualClock's default start).
    kiosk::drivers::ManualClock clock;
    kiosk::status::DossierLookup lookup(*client, cache.get(), clock);
    services.dossiers = &lookup;
    UiHarness ui({ 540, 960, 0, 51 }, UiHarness::default_options(), services);

    ui.tap("Chạm vào đây để bắt đầu");
    ui.tap("Tra cứu hồ sơ");
    ui.ui().type_text("H40.50-TEST-0001");
    ui.settle();
    tap_only(ui, "Tra cứu");
    CHECK(ui.shows("Đang tra cứu hồ sơ"));
    CHECK(!ui.can_tap("Tra cứu"));
    ui.settle();
    ui.settle();
    STRCMP_EQUAL("dossier_result", std::string(ui.ui().screen_name()).c_str());
    CHECK(ui.shows("Đây là thông tin lúc 08:05 hôm nay."));
    CHECK(ui.shows("Đã trễ hẹn 4 ngày làm việc"));

    // A code the cache never saw: plain words and what to do.
    ui.tap("Quay lại");
    ui.tap("Xoá hết");
    ui.ui().type_text("H40.50-TEST-0002");
    ui.tap("Tra cứu");
    ui.settle();
    ui.settle();
    STRCMP_EQUAL("error", std::string(ui.ui().screen_name()).c_str());
    CHECK(ui.shows("Ki-ốt đang mất kết nối mạng nên chưa tra cứu được."));
    CHECK(ui.shows("Chưa tra cứu được lúc này. Hãy thử lại sau ít phút"));
    ui.tap("Thử lại");
    STRCMP_EQUAL("dossier_entry", std::string(ui.ui().screen_name()).c_str());
    CHECK(ui.can_tap("Tra cứu"));
}

TEST(DossierLookupFlow, AnswerArrivingAfterTheCitizenLeftIsDropped)
{
    kiosk::test::TempDir dir;
    kiosk::status::ClientOptions client_options;
    client_options.base_url = "http://127.0.0.1:" + std::to_string(closed_port());
    client_options.attempts = 1;
    auto client = KIOSK_MUST(kiosk::status::GatewayClient::create(client_options));
    auto cache = KIOSK_MUST(kiosk::status::LookupCache::open(dir.path() / "cache.sqlite"));
    KIOSK_MUST(cache->store(in_progress_dossier(), std::chrono::system_clock::time_point {} + std::chrono::hours(1)));
    kiosk::ui::Services services;
    kiosk::drivers::ManualClock clock;
    kiosk::status::DossierLookup lookup(*client, cache.get(), clock);
    services.dossiers = &lookup;
    UiHarness ui({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    ui.tap("Chạm vào đây để bắt đầu");
    ui.tap("Tra cứu hồ sơ");
    ui.ui().type_text("H40.50-TEST-0001");
    ui.settle();
    tap_only(ui, "Tra cứu");
    // Home before the answer comes: it must not pull the citizen back.
    tap_only(ui, "Trang chủ");
    STRCMP_EQUAL("home", std::string(ui.ui().screen_name()).c_str());
    ui.settle();
    ui.settle();
    STRCMP_EQUAL("home", std::string(ui.ui().screen_name()).c_str());
    CHECK(!ui.ui().session_state().dossier_result.has_value());
}
