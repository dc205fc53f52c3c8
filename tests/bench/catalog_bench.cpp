// SPDX-License-Identifier: MIT
// Catalog search latency per keystroke: a replayed sequence of queries typed one letter at
// a time (every prefix is one search, as the kiosk's search box does), with ranking on, on
// synthetic catalogs of 10k and 100k procedures. Also import time and database size.
// Prints figures; asserts nothing about time.
#include <catalog/catalog_json.hpp>
#include <catalog/catalog_store.hpp>
#include <catalog/synthetic_catalog.hpp>

#include <algorithm>
#include <array>
#include <utility>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <time.h>
#include <unistd.h>

using namespace kiosk::catalog;

namespace {

constexpr std::array<std::string_view, 18> TYPED_QUERIES { "dang ky khai sinh", "chung thuc ban sao", "thuong tru",
    "ho kinh doanh", "cấp giấy phép xây dựng", "tro cap xa hoi hang thang", "giay chung nhan quyen su dung dat",
    "xac nhan tinh trang hon nhan", "tam tru", "chi phi mai tang", "the bao hiem y te", "chuyen truong hoc sinh",
    "ket hon co yeu to nuoc ngoai", "dang ky xe mo to", "khai tu", "chungt huc", "ho ngheo can ngheo",
    "giấy phép bán lẻ rượu" };

constexpr int ROUNDS = 5;

// CPU time of this thread: on a shared machine, wall time also counts the moments another
// process held the core, which says nothing about the search.
double thread_cpu_ms()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// Every prefix of @p text that ends on a whole UTF-8 character.
std::vector<std::string> keystrokes(std::string_view text)
{
    std::vector<std::string> result;
    for (std::size_t i = 1; i <= text.size(); ++i) {
        if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U)
            continue;
        result.emplace_back(text.substr(0, i));
    }
    return result;
}

double percentile(std::vector<double> sorted, double p)
{
    std::sort(sorted.begin(), sorted.end());
    auto index = static_cast<std::size_t>(std::lround(p * static_cast<double>(sorted.size() - 1)));
    return sorted[std::min(index, sorted.size() - 1)];
}

void run(std::size_t size, std::filesystem::path const& folder)
{
    auto catalog = synthetic_catalog(size);
    auto db = folder / ("catalog-" + std::to_string(size) + ".sqlite");
    auto report = import_catalog(catalog, db);
    if (!report) {
        std::fprintf(stderr, "import failed: %s\n", report.error().message().c_str());
        std::exit(1);
    }
    auto json_text = write_catalog_json(catalog);
    auto const parse_started = std::chrono::steady_clock::now();
    auto parsed = parse_catalog_json(json_text);
    double const parse_ms
        = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - parse_started).count();
    if (!parsed)
        std::exit(1);

    auto store = KIOSK_MUST(CatalogStore::open(db));
    std::vector<std::string> sequence;
    for (auto query : TYPED_QUERIES) {
        for (auto& prefix : keystrokes(query))
            sequence.push_back(std::move(prefix));
    }
    // One warm-up pass: the kiosk's catalog stays open and warm.
    for (auto const& query : sequence)
        (void)KIOSK_MUST(store->search(query, { 10, {} }));
    std::vector<double> times;
    std::vector<double> cpu_times;
    std::vector<std::pair<double, std::string>> slowest;
    std::size_t empty = 0;
    for (int round = 0; round < ROUNDS; ++round) {
        for (auto const& query : sequence) {
            auto const started = std::chrono::steady_clock::now();
            double const cpu_started = thread_cpu_ms();
            auto hits = KIOSK_MUST(store->search(query, { 10, {} }));
            cpu_times.push_back(thread_cpu_ms() - cpu_started);
            times.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
            empty += hits.empty() ? 1 : 0;
            if (round == 0)
                slowest.emplace_back(cpu_times.back(), query);
        }
    }
    SearchOptions filtered { 10, {} };
    filtered.filters.life_event = "residence";
    filtered.filters.level = Level::commune;
    std::vector<double> filtered_times;
    for (auto const& query : sequence) {
        auto const started = std::chrono::steady_clock::now();
        (void)KIOSK_MUST(store->search(query, filtered));
        filtered_times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    }
    std::printf("%8zu procedures | keystrokes %5zu | search cpu ms median %.3f p99 %.3f max %.3f | wall ms median %.3f "
                "p99 %.3f | filtered wall p99 %.3f | empty %zu | import %.0f ms | parse JSON %.0f ms (%.1f MB) | db %.1f "
                "MB\n",
        size, times.size(), percentile(cpu_times, 0.5), percentile(cpu_times, 0.99), percentile(cpu_times, 1.0),
        percentile(times, 0.5), percentile(times, 0.99),
        percentile(filtered_times, 0.99), empty / ROUNDS, report->import_ms, parse_ms,
        static_cast<double>(json_text.size()) / 1e6, static_cast<double>(report->file_bytes) / 1e6);
    std::sort(slowest.begin(), slowest.end(), [](auto const& a, auto const& b) { return a.first > b.first; });
    std::printf("         slowest keystrokes (cpu):");
    for (std::size_t i = 0; i < std::min<std::size_t>(5, slowest.size()); ++i)
        std::printf(" '%s' %.2f ms;", slowest[i].second.c_str(), slowest[i].first);
    std::printf("\n");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-catalog-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
        return 1;
    std::filesystem::path folder(pattern);
    std::printf("catalog search per keystroke, ranking on, SQLite %s\n", std::string(sqlite_version()).c_str());
    std::vector<std::size_t> sizes { 10'000, 100'000 };
    if (argc > 1) {
        sizes.clear();
        for (int i = 1; i < argc; ++i)
            sizes.push_back(static_cast<std::size_t>(std::strtoull(argv[i], nullptr, 10)));
    }
    for (auto size : sizes)
        run(size, folder);
    std::error_code error;
    std::filesystem::remove_all(folder, error);
    return 0;
}
