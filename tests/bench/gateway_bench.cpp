// SPDX-License-Identifier: MIT
// Gateway benchmark: throughput and p50/p99 latency of dossier lookups on 127.0.0.1 at 1, 16
// and 64 concurrent connections (wrk, Debian's), and the kiosk side's lookup time live (HTTP
// to the gateway) versus answered from the offline cache. Prints figures; asserts nothing.
//   build/<dir>/tests-bin/gateway_bench [seconds-per-run]
#include "gateway_process.hpp"

#include "support/temp_dir.hpp"

#include <status/dossier_lookup.hpp>
#include <status/gateway_client.hpp>
#include <status/lookup_cache.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

class WallClock final : public kiosk::hal::Clock {
public:
    WallClock() = default;
    [[nodiscard]] std::chrono::steady_clock::time_point now() const override { return std::chrono::steady_clock::now(); }
    [[nodiscard]] std::chrono::system_clock::time_point wall_now() const override
    {
        return std::chrono::system_clock::now();
    }
};

std::string run(std::string const& command)
{
    std::string out;
    FILE* pipe = popen(command.c_str(), "r"); // NOLINT(cert-env33-c): a benchmark runs wrk
    if (pipe == nullptr)
        return out;
    std::array<char, 4096> buffer {};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), got);
    pclose(pipe);
    return out;
}

/// The value after @p label on its line of wrk's output ("Requests/sec:", "50%", "99%").
std::string field(std::string const& text, std::string const& label)
{
    auto at = text.find(label);
    if (at == std::string::npos)
        return "?";
    auto start = text.find_first_not_of(" \t", at + label.size());
    auto end = text.find_first_of(" \t\n", start);
    return text.substr(start, end - start);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values[index];
}

std::string code(int i)
{
    std::array<char, 32> buffer {};
    std::snprintf(buffer.data(), buffer.size(), "H40.50-DEMO-%04d", 1 + i % 300);
    return buffer.data();
}

void print_times(char const* what, std::vector<double> const& ms)
{
    std::printf("%-34s p50 %8.3f ms   p99 %8.3f ms   (%zu lookups)\n", what, percentile(ms, 0.5), percentile(ms, 0.99),
        ms.size());
}

} // namespace

int main(int argc, char** argv)
{
    spdlog::set_level(spdlog::level::err); // the offline run logs every failed attempt otherwise
    int seconds = argc > 1 ? std::max(1, static_cast<int>(std::strtol(argv[1], nullptr, 10))) : 5;
    kiosk::test::TempDir dir;
    auto gateway = std::make_unique<kiosk::test::GatewayProcess>(std::vector<std::string> { "--listen", "127.0.0.1:0",
        "--db", (dir.path() / "gateway.db").string(), "--demo", "--rate-limit", "1000000", "--burst", "100000",
        "--threads", "64" });
    // Lookups spread over the 300 demo dossiers.
    auto script = dir.path() / "lookups.lua";
    std::ofstream(script) << "counter = 0\nrequest = function()\n  counter = counter + 1\n"
                             "  return wrk.format(\"GET\", string.format(\"/v1/dossiers/H40.50-DEMO-%04d\", 1 + counter % 300))\n"
                             "end\n";
    std::printf("gateway lookups on 127.0.0.1 (wrk, %d s per run, keep-alive, 2 threads):\n", seconds);
    std::printf("%12s %14s %10s %10s\n", "connections", "requests/s", "p50", "p99");
    for (int connections : { 1, 16, 64 }) {
        int threads = std::min(connections, 2);
        auto out = run("/usr/bin/wrk --latency -t" + std::to_string(threads) + " -c" + std::to_string(connections)
            + " -d" + std::to_string(seconds) + "s -s " + script.string() + " " + gateway->url() + " 2>&1");
        std::printf("%12d %14s %10s %10s\n", connections, field(out, "Requests/sec:").c_str(),
            field(out, "50%").c_str(), field(out, "99%").c_str());
    }

    constexpr int LOOKUPS = 500;
    kiosk::status::ClientOptions options;
    options.base_url = gateway->url();
    options.attempts = 1;
    auto client = std::move(kiosk::status::GatewayClient::create(options)).value();
    auto cache = std::move(kiosk::status::LookupCache::open(dir.path() / "cache.db")).value();
    WallClock clock;
    kiosk::status::DossierLookup lookup(*client, cache.get(), clock);
    std::vector<double> live;
    for (int i = 0; i < LOOKUPS; ++i) {
        auto start = Clock::now();
        auto result = lookup.lookup(code(i));
        std::chrono::duration<double, std::milli> took = Clock::now() - start;
        if (result)
            live.push_back(took.count());
    }
    std::printf("\nkiosk-side lookup (GatewayClient + LookupCache, one connection reused):\n");
    print_times("live (gateway up, cache written)", live);

    gateway->stop();
    std::vector<double> offline;
    for (int i = 0; i < LOOKUPS; ++i) {
        auto start = Clock::now();
        auto result = lookup.lookup(code(i));
        std::chrono::duration<double, std::milli> took = Clock::now() - start;
        if (result && result->source == kiosk::status::Source::cache)
            offline.push_back(took.count());
    }
    print_times("cached (gateway down, refused)", offline);
    std::vector<double> read_only;
    for (int i = 0; i < LOOKUPS; ++i) {
        auto start = Clock::now();
        auto found = cache->find(code(i));
        std::chrono::duration<double, std::milli> took = Clock::now() - start;
        if (found && *found)
            read_only.push_back(took.count());
    }
    print_times("cache read alone", read_only);
    return 0;
}
