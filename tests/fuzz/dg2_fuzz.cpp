// SPDX-License-Identifier: MIT
// Fuzz target: DG2 container and the JPEG / JPEG 2000 decoders behind it.
#include "id/dg2.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace kiosk::id;
    auto face = parse_dg2({ data, size });
    if (face) {
        auto pixels = decode_face_image(*face);
        if (pixels && pixels->pixels.size()
                != static_cast<std::size_t>(pixels->width) * static_cast<std::size_t>(pixels->height)
                    * static_cast<std::size_t>(pixels->channels))
            __builtin_trap();
    }
    // The raw bytes as either image kind too: decoders must refuse garbage cleanly.
    FaceImageData raw;
    raw.image.assign(data, data + size);
    raw.format = size % 2 == 0 ? FaceFormat::jpeg : FaceFormat::jpeg2000;
    (void)decode_face_image(raw);
    return 0;
}
