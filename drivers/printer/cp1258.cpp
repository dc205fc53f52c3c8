// SPDX-License-Identifier: MIT
#include "printer/cp1258.hpp"

#include <kiosk/hal/utf8.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

namespace kiosk::drivers::cp1258 {

namespace {

    struct Decomposed {
        char32_t code;
        std::uint8_t base;
        std::uint8_t tone;
    };

#include "printer/cp1258_tables.inc"

    bool is_tone_byte(std::uint8_t byte)
    {
        return byte == 0xCC || byte == 0xEC || byte == 0xDE || byte == 0xD2 || byte == 0xF2;
    }

} // namespace

Result<std::string> encode(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        auto const decoded = utf8::next(text, i);
        if (!decoded)
            return fail(Errc::invalid_argument, "text is not valid UTF-8");
        char32_t const code = *decoded;
        if (code < 0x80) {
            out += static_cast<char>(code);
            continue;
        }
        auto const* direct = std::find(HIGH_HALF.begin(), HIGH_HALF.end(), static_cast<char16_t>(code));
        if (code <= 0xFFFF && direct != HIGH_HALF.end()) {
            out += static_cast<char>(0x80 + (direct - HIGH_HALF.begin()));
            continue;
        }
        auto const* split = std::lower_bound(DECOMPOSED.begin(), DECOMPOSED.end(), code,
            [](Decomposed const& entry, char32_t wanted) { return entry.code < wanted; });
        if (split == DECOMPOSED.end() || split->code != code)
            return fail(Errc::unsupported, "text has a character code page 1258 lacks");
        out += static_cast<char>(split->base);
        out += static_cast<char>(split->tone);
    }
    return out;
}

std::string decode(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        auto const byte = static_cast<std::uint8_t>(c);
        if (byte < 0x80) {
            out += c;
            continue;
        }
        char16_t const code = HIGH_HALF[byte - 0x80U];
        utf8::append(out, code == 0 ? U'\uFFFD' : static_cast<char32_t>(code));
    }
    return out;
}

int columns(std::string_view bytes)
{
    int cells = 0;
    for (char c : bytes)
        cells += is_tone_byte(static_cast<std::uint8_t>(c)) ? 0 : 1;
    return cells;
}

} // namespace kiosk::drivers::cp1258
