// SPDX-License-Identifier: MIT
// Passive authentication benchmark (Google Benchmark): the cost of verifying a card read, on
// the emulator's card of persona `hoa` (EC P-256 document signer, SHA-256), split into its
// parts, plus the trust store load and the card file build the emulator does once.
//
//   passive_auth_bench [--benchmark_filter=REGEX]
#include "id/dg1.hpp"
#include "id/dg13.hpp"
#include "id/dg2.hpp"
#include "id/emul/card_files.hpp"
#include "id/emul/test_pki.hpp"
#include "id/passive_auth.hpp"
#include "id/persona.hpp"
#include "id/sod.hpp"

#include <benchmark/benchmark.h>

#include <array>
#include <filesystem>
#include <optional>
#include <unistd.h>

namespace {

using namespace kiosk::id;

TestPki make_pki() { return KIOSK_MUST(TestPki::create()); }
CardFiles make_files(TestPki const& pki) { return KIOSK_MUST(build_card_files(*find_persona("hoa"), pki)); }
TrustStore make_store(TestPki const& pki)
{
    TrustStore trust;
    KIOSK_MUST(trust.add_pem(pki.csca_pem()));
    return trust;
}

struct Fixture {
    TestPki pki = make_pki();
    CardFiles files = make_files(pki);
    TrustStore store = make_store(pki);
};

Fixture& fixture()
{
    static Fixture instance;
    return instance;
}

kiosk::ByteView view(kiosk::Bytes const& bytes) { return { bytes.data(), bytes.size() }; }

void passive_auth_dg1_dg13(benchmark::State& state)
{
    auto& f = fixture();
    std::array const dgs { DataGroupFile { 1, view(f.files.dg1) }, DataGroupFile { 13, view(f.files.dg13) } };
    for (auto _ : state) {
        auto report = passive_authenticate(view(f.files.sod), dgs, f.store);
        if (!report.verified())
            state.SkipWithError("card did not verify");
        benchmark::DoNotOptimize(report);
    }
}
BENCHMARK(passive_auth_dg1_dg13)->Unit(benchmark::kMicrosecond);

void passive_auth_dg1_dg2_dg13(benchmark::State& state)
{
    auto& f = fixture();
    std::array const dgs { DataGroupFile { 1, view(f.files.dg1) }, DataGroupFile { 2, view(f.files.dg2) },
        DataGroupFile { 13, view(f.files.dg13) } };
    for (auto _ : state) {
        auto report = passive_authenticate(view(f.files.sod), dgs, f.store);
        if (!report.verified())
            state.SkipWithError("card did not verify");
        benchmark::DoNotOptimize(report);
    }
}
BENCHMARK(passive_auth_dg1_dg2_dg13)->Unit(benchmark::kMicrosecond);

void parse_sod_only(benchmark::State& state)
{
    auto& f = fixture();
    for (auto _ : state)
        benchmark::DoNotOptimize(parse_sod(view(f.files.sod)));
}
BENCHMARK(parse_sod_only)->Unit(benchmark::kMicrosecond);

void parse_dg1_dg13(benchmark::State& state)
{
    auto& f = fixture();
    for (auto _ : state) {
        benchmark::DoNotOptimize(parse_dg1(view(f.files.dg1)));
        benchmark::DoNotOptimize(parse_dg13(view(f.files.dg13)));
    }
}
BENCHMARK(parse_dg1_dg13)->Unit(benchmark::kMicrosecond);

void decode_dg2_jpeg(benchmark::State& state)
{
    auto& f = fixture();
    for (auto _ : state) {
        auto face = parse_dg2(view(f.files.dg2));
        benchmark::DoNotOptimize(decode_face_image(*face));
    }
}
BENCHMARK(decode_dg2_jpeg)->Unit(benchmark::kMicrosecond);

void trust_store_load_folder(benchmark::State& state)
{
    auto& f = fixture();
    auto const dir = std::filesystem::temp_directory_path() / ("passive_auth_bench." + std::to_string(getpid()));
    KIOSK_MUST(f.pki.write_trust_store(dir));
    for (auto _ : state)
        benchmark::DoNotOptimize(TrustStore::load(dir));
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}
BENCHMARK(trust_store_load_folder)->Unit(benchmark::kMicrosecond);

void build_card_files_hoa(benchmark::State& state)
{
    auto& f = fixture();
    for (auto _ : state)
        benchmark::DoNotOptimize(build_card_files(*find_persona("hoa"), f.pki));
}
BENCHMARK(build_card_files_hoa)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
