// SPDX-License-Identifier: MIT
// Receipt printing figures (printed, never asserted): time to compose and encode a typical
// dossier status slip (median over repetitions), bytes per slip in raster and in WPC1258
// text mode, and slips per second the encoder sustains (items_per_second). The emulator
// figure is how fast the sim board "prints" (parse + draw, no PNG).
#include <codes/qr_encoder.hpp>
#include <printer/escpos_encoder.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <printer/ttf_text_rasterizer.hpp>
#include <receipt/slips.hpp>

#include <benchmark/benchmark.h>

#include <memory>

namespace {

kiosk::receipt::StatusSlip typical_slip()
{
    kiosk::receipt::StatusSlip slip;
    slip.center = "Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh";
    slip.code = "G22.99-241201-0042";
    slip.procedure = "Đăng ký khai sinh có yếu tố nước ngoài";
    slip.state = "Đang xử lý";
    slip.received = "2026-12-01";
    slip.due = "2026-12-08";
    slip.next_step = "Nhận kết quả tại quầy số 5";
    slip.lookup_url = "https://dichvucong.gov.vn/tra-cuu?ma=G22.99-241201-0042";
    slip.printed_at = "2026-12-01 14:05";
    slip.labels = { "PHIẾU TRA CỨU HỒ SƠ", "Mã hồ sơ:", "Thủ tục:", "Trạng thái:", "Ngày tiếp nhận:", "Ngày hẹn trả:",
        "Bước tiếp theo:", "Quét mã để tra cứu hồ sơ", {}, {}, {}, {}, {}, "In lúc" };
    return slip;
}

kiosk::drivers::TtfTextRasterizer& text()
{
    static auto const rasterizer = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
    return *rasterizer;
}

kiosk::drivers::QrModuleEncoder qr()
{
    return [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); };
}

void encode_slip(benchmark::State& state, kiosk::hal::PrinterCapabilities capabilities)
{
    kiosk::drivers::EscPosEncoder const encoder(std::move(capabilities), text(), qr());
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto const document = kiosk::receipt::compose_status_slip(typical_slip());
        auto job = encoder.encode(document);
        if (!job)
            state.SkipWithError("encoding failed");
        bytes = job->size();
        benchmark::DoNotOptimize(job->data());
    }
    state.counters["bytes_per_slip"] = static_cast<double>(bytes);
    state.SetItemsProcessed(state.iterations());
}

void BM_StatusSlip_Raster80mm(benchmark::State& state) { encode_slip(state, { 576, 8, false, "" }); }
void BM_StatusSlip_Raster58mm(benchmark::State& state) { encode_slip(state, { 384, 8, false, "" }); }
void BM_StatusSlip_TextModeWpc1258NativeQr(benchmark::State& state) { encode_slip(state, { 576, 8, true, "wpc1258" }); }

void BM_Emulator_PrintsRasterSlip(benchmark::State& state)
{
    kiosk::drivers::EscPosEncoder const encoder({ 576, 8, false, "" }, text(), qr());
    auto const job = KIOSK_MUST(encoder.encode(kiosk::receipt::compose_status_slip(typical_slip())));
    auto emulator = KIOSK_MUST(kiosk::drivers::EscPosPrinterEmul::open({ 576, {}, nullptr, qr() }));
    for (auto _ : state)
        benchmark::DoNotOptimize(emulator->write(job, std::chrono::milliseconds(0)).has_value());
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * job.size()));
}

BENCHMARK(BM_StatusSlip_Raster80mm)->Unit(benchmark::kMillisecond)->Repetitions(7)->ReportAggregatesOnly(true);
BENCHMARK(BM_StatusSlip_Raster58mm)->Unit(benchmark::kMillisecond)->Repetitions(7)->ReportAggregatesOnly(true);
BENCHMARK(BM_StatusSlip_TextModeWpc1258NativeQr)->Unit(benchmark::kMillisecond)->Repetitions(7)->ReportAggregatesOnly(true);
BENCHMARK(BM_Emulator_PrintsRasterSlip)->Unit(benchmark::kMillisecond)->Repetitions(3)->ReportAggregatesOnly(true);

} // namespace

BENCHMARK_MAIN();
