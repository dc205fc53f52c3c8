// SPDX-License-Identifier: MIT
// Scan benchmark: on the generated frame set (tests/scan/make_frames.sh, fixed seed and
// counts), our decoder (ZxingFrameDecoder, all passes) and zbar (libzbar, the reference peer,
// QR and Code 128 enabled) decode the same frames, loaded once. Prints per frame size the
// decode success rate, false positives (a code with the wrong text, or any code in a frame
// with none) and median / p95 ms per frame, the ratio of the medians, and rates per category.
//
//   scan_bench [--frames DIR] [--set full|ci]
// Default DIR: <build>/scan-frames/<set> (generated there on first run; set: full).
#include <camera/gray_image.hpp>
#include <scanner/zxing_frame_decoder.hpp>

#include "scan/frame_set.hpp"

#include <zbar.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace zbar; // zbar.h puts its C API in namespace zbar under C++

struct Tally {
    int frames = 0;
    int with_code = 0;
    int decoded = 0;
    int false_positives = 0;
    std::vector<double> ms;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    auto index = static_cast<std::size_t>(std::lround(p * static_cast<double>(values.size() - 1)));
    return values[std::min(index, values.size() - 1)];
}

/// zbar, as an independent reference: QR and Code 128 (zbar reads no Data Matrix and its
/// PDF417 support is unfinished).
class ZbarReader {
public:
    ZbarReader()
        : m_scanner(zbar_image_scanner_create())
    {
        zbar_image_scanner_set_config(m_scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
        zbar_image_scanner_set_config(m_scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
        zbar_image_scanner_set_config(m_scanner, ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
    }
    ~ZbarReader() { zbar_image_scanner_destroy(m_scanner); }
    ZbarReader(ZbarReader const&) = delete;
    ZbarReader& operator=(ZbarReader const&) = delete;
    ZbarReader(ZbarReader&&) = delete;
    ZbarReader& operator=(ZbarReader&&) = delete;

    std::vector<std::string> decode(kiosk::hal::Frame const& frame)
    {
        // zbar wants a packed Y800 image.
        std::vector<unsigned char> packed(static_cast<std::size_t>(frame.size.width) * frame.size.height);
        for (int y = 0; y < frame.size.height; ++y)
            std::copy_n(frame.pixels.begin() + static_cast<std::ptrdiff_t>(y) * frame.stride, frame.size.width,
                packed.begin() + static_cast<std::ptrdiff_t>(y) * frame.size.width);
        zbar_image_t* image = zbar_image_create();
        zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
        zbar_image_set_size(image, static_cast<unsigned>(frame.size.width), static_cast<unsigned>(frame.size.height));
        zbar_image_set_data(image, packed.data(), packed.size(), nullptr);
        std::vector<std::string> texts;
        if (zbar_scan_image(m_scanner, image) > 0) {
            for (auto const* symbol = zbar_image_first_symbol(image); symbol != nullptr;
                 symbol = zbar_symbol_next(symbol))
                texts.emplace_back(zbar_symbol_get_data(symbol), zbar_symbol_get_data_length(symbol));
        }
        zbar_image_destroy(image);
        return texts;
    }

private:
    zbar_image_scanner_t* m_scanner;
};

void count(Tally& tally, kiosk::test::FrameEntry const& entry, std::vector<std::string> const& texts, double ms)
{
    ++tally.frames;
    tally.ms.push_back(ms);
    bool found = false;
    for (auto const& text : texts) {
        if (!entry.text.empty() && text == entry.text)
            found = true;
        else
            ++tally.false_positives;
    }
    if (!entry.text.empty()) {
        ++tally.with_code;
        tally.decoded += found ? 1 : 0;
    }
}

double rate(Tally const& tally)
{
    return tally.with_code == 0 ? 0.0 : 100.0 * tally.decoded / tally.with_code;
}

} // namespace

int main(int argc, char** argv)
{
    std::string set = "full";
    std::string dir;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string const option = argv[i];
        if (option == "--frames")
            dir = argv[i + 1];
        else if (option == "--set")
            set = argv[i + 1];
        else {
            std::fprintf(stderr, "usage: scan_bench [--frames DIR] [--set full|ci]\n");
            return 2;
        }
    }
    if (dir.empty())
        dir = std::string(KIOSK_BIN_DIR) + "/../scan-frames/" + set;
    auto entries = kiosk::test::ensure_frame_set(dir, set);
    if (!entries || entries->empty()) {
        std::fprintf(stderr, "scan_bench: no frame set in %s\n", dir.c_str());
        return 1;
    }

    kiosk::drivers::ZxingFrameDecoder const decoder;
    ZbarReader zbar;
    // size -> decoder -> tally; category -> decoder -> tally
    std::map<std::string, std::map<std::string, Tally>> by_size;
    std::map<std::string, std::map<std::string, Tally>> by_category;
    std::map<std::string, int> passes;
    for (auto const& entry : *entries) {
        auto frame = kiosk::drivers::load_gray_image(entry.file);
        if (!frame) {
            std::fprintf(stderr, "scan_bench: %s: %s\n", entry.file.c_str(), frame.error().message().c_str());
            return 1;
        }
        std::string const size = std::to_string(entry.width) + "x" + std::to_string(entry.height);

        auto const t0 = std::chrono::steady_clock::now();
        auto decoded = decoder.decode(*frame);
        auto const t1 = std::chrono::steady_clock::now();
        std::vector<std::string> ours;
        if (decoded) {
            for (auto const& code : decoded->codes)
                ours.push_back(code.text);
            ++passes[kiosk::drivers::decode_pass_name(decoded->pass)];
        }
        double const ours_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();

        auto const t2 = std::chrono::steady_clock::now();
        auto const theirs = zbar.decode(*frame);
        auto const t3 = std::chrono::steady_clock::now();
        double const zbar_ms = std::chrono::duration<double, std::milli>(t3 - t2).count();

        for (auto const& key : { size, std::string("all") }) {
            count(by_size[key]["zxing"], entry, ours, ours_ms);
            count(by_size[key]["zbar"], entry, theirs, zbar_ms);
        }
        count(by_category[entry.category]["zxing"], entry, ours, ours_ms);
        count(by_category[entry.category]["zbar"], entry, theirs, zbar_ms);
    }

    std::printf("scan frame set '%s' (%s): %zu frames, seed fixed by make_frames.sh\n", set.c_str(), dir.c_str(),
        entries->size());
    std::printf("%-9s %-6s %7s %9s %8s %6s %10s %8s\n", "size", "reader", "frames", "decoded", "rate%", "false+",
        "median_ms", "p95_ms");
    for (auto const& [size, readers] : by_size) {
        for (auto const& name : { "zxing", "zbar" }) {
            auto const& tally = readers.at(name);
            std::printf("%-9s %-6s %7d %4d/%-4d %8.1f %6d %10.2f %8.2f\n", size.c_str(), name, tally.frames,
                tally.decoded, tally.with_code, rate(tally), tally.false_positives, percentile(tally.ms, 0.5),
                percentile(tally.ms, 0.95));
        }
        double const zbar_median = percentile(readers.at("zbar").ms, 0.5);
        std::printf("%-9s ratio zxing/zbar median time: %.2f\n", size.c_str(),
            zbar_median > 0 ? percentile(readers.at("zxing").ms, 0.5) / zbar_median : 0.0);
    }
    std::printf("\nper category (decoded/with code, false positives):\n");
    for (auto const& [category, readers] : by_category) {
        auto const& ours = readers.at("zxing");
        auto const& theirs = readers.at("zbar");
        std::printf("  %-13s zxing %4d/%-4d %5.1f%% fp %d   zbar %4d/%-4d %5.1f%% fp %d\n", category.c_str(),
            ours.decoded, ours.with_code, rate(ours), ours.false_positives, theirs.decoded, theirs.with_code,
            rate(theirs), theirs.false_positives);
    }
    std::printf("\nzxing passes that found the codes:");
    for (auto const& [pass, n] : passes)
        std::printf(" %s=%d", pass.c_str(), n);
    std::printf("\n");
    return 0;
}
