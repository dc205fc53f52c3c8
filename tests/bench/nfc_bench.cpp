// SPDX-License-Identifier: MIT
// APDU round trips through the whole emulated chain: LibnfcCardReader -> libnfc pn532_uart ->
// pty -> Pn532UartEmul -> test card, for short answers and for 1 KiB+ answers that travel in
// chained ISO 14443-4 blocks. Prints figures only; never asserts on time.
//   build/<preset>/tests-bin/nfc_bench
#include "tools/card_factory.hpp"

#include <nfc/libnfc_card_reader.hpp>
#include <nfc/pn532_uart_emul.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace std::chrono_literals;
using kiosk::Bytes;

namespace {

struct Chain {
    std::unique_ptr<kiosk::drivers::Pn532UartEmul> emul;
    std::unique_ptr<kiosk::drivers::LibnfcCardReader> reader;
};

Chain& chain()
{
    static Chain* shared = [] {
        auto* made = new Chain();
        auto emul = kiosk::drivers::Pn532UartEmul::open();
        if (!emul) {
            std::fprintf(stderr, "nfc_bench: %s\n", emul.error().message().c_str());
            std::exit(1);
        }
        made->emul = std::move(*emul);
        made->emul->place(kiosk::test::make_test_card("apdu-echo:size=8192"));
        auto reader = kiosk::drivers::LibnfcCardReader::open(made->emul->connection_string());
        if (!reader) {
            std::fprintf(stderr, "nfc_bench: %s\n", reader.error().message().c_str());
            std::exit(1);
        }
        made->reader = std::move(*reader);
        auto card = made->reader->wait_for_card(10s);
        Bytes const select_file { 0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x1E };
        if (!card || !card->has_value() || !made->reader->transmit(select_file, 2s)) {
            std::fprintf(stderr, "nfc_bench: no card\n");
            std::exit(1);
        }
        return made;
    }();
    return *shared;
}

void run_apdu(benchmark::State& state, Bytes const& command, std::size_t expected)
{
    auto& reader = *chain().reader;
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto answer = reader.transmit(command, 5s);
        if (!answer || answer->size() != expected) {
            state.SkipWithError("APDU failed");
            return;
        }
        bytes += answer->size();
        benchmark::DoNotOptimize(answer->data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
    state.counters["response_bytes"] = static_cast<double>(expected);
}

/// READ BINARY of @p length bytes (short Le up to 256, extended Le above).
Bytes read_binary(std::size_t length)
{
    if (length <= 256)
        return { 0x00, 0xB0, 0x00, 0x00, static_cast<std::uint8_t>(length & 0xFFU) };
    return { 0x00, 0xB0, 0x00, 0x00, 0x00, static_cast<std::uint8_t>(length >> 8U), static_cast<std::uint8_t>(length & 0xFFU) };
}

void BM_ShortApdu_Select(benchmark::State& state)
{
    run_apdu(state, { 0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x1E }, 2);
}

void BM_ReadBinary(benchmark::State& state)
{
    auto const length = static_cast<std::size_t>(state.range(0));
    run_apdu(state, read_binary(length), length + 2);
}

void BM_ExtendedCommandEcho(benchmark::State& state)
{
    auto const length = static_cast<std::size_t>(state.range(0));
    Bytes command { 0x80, 0xEC, 0x00, 0x00, 0x00, static_cast<std::uint8_t>(length >> 8U),
        static_cast<std::uint8_t>(length & 0xFFU) };
    command.resize(command.size() + length, 0x5A);
    command.insert(command.end(), { 0x00, 0x00 });
    run_apdu(state, command, length + 2);
}

void BM_SelectCard(benchmark::State& state)
{
    auto& reader = *chain().reader;
    for (auto _ : state) {
        auto card = reader.wait_for_card(5s);
        if (!card || !card->has_value()) {
            state.SkipWithError("no card");
            return;
        }
    }
    Bytes const select_file { 0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x1E };
    if (!reader.transmit(select_file, 2s))
        state.SkipWithError("SELECT failed after reselection");
}

} // namespace

BENCHMARK(BM_ShortApdu_Select)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ReadBinary)->Arg(16)->Arg(224)->Arg(256)->Arg(1024)->Arg(4096)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ExtendedCommandEcho)->Arg(1024)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SelectCard)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
