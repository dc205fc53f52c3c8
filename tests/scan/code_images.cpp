// SPDX-License-Identifier: MIT
#include "scan/code_images.hpp"

#include "support/process.hpp"

#include <camera/gray_image.hpp>
#include <camera/image_dir_camera.hpp>

#include <atomic>
#include <cstdio>

namespace kiosk::test {

bool write_code_image(std::filesystem::path const& file, std::string const& text, hal::CodeFormat format, int module_px)
{
    std::vector<std::string> argv;
    if (format == hal::CodeFormat::qr_code) {
        argv = { "/usr/bin/qrencode", "-l", "M", "-s", std::to_string(module_px), "-m", "4", "-o", file.string(), text };
    } else {
        char const* type = format == hal::CodeFormat::code_128 ? "20"
            : format == hal::CodeFormat::pdf417                ? "55"
                                                               : "71";
        argv = { "/usr/bin/zint", "-b", type, "--scale=" + std::to_string(module_px / 2.0), "--whitesp=10",
            "--vwhitesp=10", "-o", file.string(), "-d", text };
    }
    auto const result = run_process(argv);
    if (result.exit_code != 0) {
        std::fprintf(stderr, "code image: %s failed: %s\n", argv[0].c_str(), result.err.c_str());
        return false;
    }
    return true;
}

std::optional<hal::Frame> code_frame(std::filesystem::path const& work_dir, std::string const& text,
    hal::CodeFormat format, hal::FrameSize size, int module_px)
{
    static std::atomic<int> counter { 0 };
    auto const file = work_dir / ("code-" + std::to_string(counter++) + ".png");
    if (!write_code_image(file, text, format, module_px))
        return std::nullopt;
    auto image = drivers::load_gray_image(file);
    std::filesystem::remove(file);
    if (!image)
        return std::nullopt;
    return drivers::fit_frame(*image, size);
}

} // namespace kiosk::test
