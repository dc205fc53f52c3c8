// SPDX-License-Identifier: MIT
// Spoken guidance: time to synthesise a screen's instruction with espeak-ng into memory (the
// home screen's, ~10 s of Vietnamese speech; a short title; the English home text), wall and
// thread CPU time, and the real-time factor. Prints figures; asserts nothing about time.
#include <speech/espeak_synthesizer.hpp>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <time.h>

using kiosk::speech::EspeakSynthesizer;
using kiosk::speech::Voice;

namespace {

constexpr int ROUNDS = 20;

struct Case {
    std::string_view name;
    std::string_view text;
    Voice voice;
};

constexpr Case CASES[] = {
    { "home (vi)",
        "Bạn cần làm gì? Có ba lựa chọn. Tra cứu thủ tục: Giấy tờ cần có, lệ phí, thời gian giải quyết. Tra cứu hồ sơ: "
        "Nhập mã hồ sơ hoặc quét mã QR trên giấy biên nhận. Dùng thẻ Căn cước gắn chip: Xem tất cả hồ sơ của bạn. Hãy "
        "chạm vào lựa chọn bạn muốn.",
        Voice::vietnamese },
    { "title (vi)", "Tra cứu thủ tục", Voice::vietnamese },
    { "home (en)",
        "What do you need? There are three choices. Look up a procedure: Papers you need, fees, processing time. Check "
        "a dossier: Type the dossier code or scan the QR on your receipt. Use your chip ID card: See all your dossiers. "
        "Touch the choice you want.",
        Voice::english },
};

double thread_cpu_ms()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    auto const at = static_cast<std::size_t>(std::lround(p * static_cast<double>(values.size() - 1)));
    return values[at];
}

} // namespace

int main()
{
    auto const start = std::chrono::steady_clock::now();
    auto synth = EspeakSynthesizer::open();
    if (!synth) {
        std::fprintf(stderr, "speech_bench: %s\n", synth.error().message().c_str());
        return 1;
    }
    double const open_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("espeak-ng start (engine + vi and en voices): %.1f ms\n", open_ms);
    std::printf("%-12s %8s %10s %10s %10s %8s\n", "text", "speech_s", "wall_p50", "wall_p99", "cpu_p50", "x_real");
    for (auto const& c : CASES) {
        std::vector<double> wall;
        std::vector<double> cpu;
        double speech_s = 0;
        for (int i = 0; i < ROUNDS; ++i) {
            double const cpu0 = thread_cpu_ms();
            auto const t0 = std::chrono::steady_clock::now();
            auto clip = (*synth)->synthesize(c.text, c.voice, {});
            auto const t1 = std::chrono::steady_clock::now();
            double const cpu1 = thread_cpu_ms();
            if (!clip) {
                std::fprintf(stderr, "speech_bench: %s\n", clip.error().message().c_str());
                return 1;
            }
            speech_s = static_cast<double>(clip->samples.size()) / clip->sample_rate_hz;
            wall.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            cpu.push_back(cpu1 - cpu0);
        }
        double const p50 = percentile(wall, 0.5);
        std::printf("%-12s %8.2f %8.1fms %8.1fms %8.1fms %7.0fx\n", std::string(c.name).c_str(), speech_s, p50,
            percentile(wall, 0.99), percentile(cpu, 0.5), speech_s * 1000 / p50);
    }
    return 0;
}
