// SPDX-License-Identifier: MIT
// ZXing-cpp builds static tables (QR versions, ...) on its first decode and keeps them for
// the process's life. CppUTest's leak detector would report them against whichever test
// decodes first, so test files that decode include this header: it decodes one code of
// each format before the tests run.
#pragma once

#include "scan/code_images.hpp"
#include "support/temp_dir.hpp"

#include <scanner/zxing_frame_decoder.hpp>

namespace kiosk::test {

inline bool warm_up_decoder()
{
    TempDir dir;
    drivers::ZxingFrameDecoder const decoder;
    bool ok = true;
    for (auto format : { hal::CodeFormat::qr_code, hal::CodeFormat::code_128, hal::CodeFormat::pdf417,
             hal::CodeFormat::data_matrix }) {
        auto frame = code_frame(dir.path(), "WARM-UP-1", format, { 320, 240 }, 3);
        ok = ok && frame && decoder.decode(*frame).has_value();
    }
    return ok;
}

/// Runs at static initialisation, before CppUTest starts counting allocations.
inline bool const DECODER_WARMED_UP = warm_up_decoder();

} // namespace kiosk::test
