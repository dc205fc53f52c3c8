// SPDX-License-Identifier: MIT
// Fuzz target: the PN532 host-link frame parser (what Pn532UartEmul reads from the pty). Any
// byte stream, fed in any chunking, gives frames whose payload re-encodes and parses back the
// same, and the parser never holds more than one frame's worth of bytes once drained.
#include "nfc/pn532_frame.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    namespace pn532 = kiosk::drivers::pn532;
    if (size == 0)
        return 0;
    // The first byte picks the chunk size, so split frames are explored too.
    std::size_t const chunk = 1 + data[0] % 64;
    kiosk::ByteView const input(data + 1, size - 1);
    pn532::FrameParser parser;
    for (std::size_t at = 0; at < input.size(); at += chunk) {
        parser.feed(input.subspan(at, std::min(chunk, input.size() - at)));
        while (auto frame = parser.next()) {
            if (frame->kind != pn532::FrameKind::information)
                continue;
            if (frame->payload.size() + 1 > pn532::MAX_FRAME_LEN)
                __builtin_trap();
            auto const again = pn532::encode_information_frame(frame->tfi, frame->payload);
            pn532::FrameParser reparser;
            reparser.feed(again);
            auto reparsed = reparser.next();
            if (!reparsed || reparsed->kind != pn532::FrameKind::information || reparsed->tfi != frame->tfi
                || reparsed->payload != frame->payload)
                __builtin_trap();
        }
        // Drained: at most one partial extended frame is kept.
        if (parser.buffered() > 7 + pn532::MAX_FRAME_LEN + 2)
            __builtin_trap();
    }
    return 0;
}
