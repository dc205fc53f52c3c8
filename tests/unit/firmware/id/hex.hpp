// SPDX-License-Identifier: MIT
#pragma once

// Hex strings to bytes for known-answer tests (spaces allowed).

#include <kiosk/hal/bytes.hpp>

#include <cstdlib>
#include <string_view>

namespace kiosk::test {

inline Bytes hex(std::string_view text)
{
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        std::abort();
    };
    Bytes out;
    int high = -1;
    for (char const c : text) {
        if (c == ' ')
            continue;
        if (high < 0) {
            high = nibble(c);
        } else {
            out.push_back(static_cast<std::uint8_t>((high << 4) | nibble(c)));
            high = -1;
        }
    }
    if (high >= 0)
        std::abort();
    return out;
}

} // namespace kiosk::test
