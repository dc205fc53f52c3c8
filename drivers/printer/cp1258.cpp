// SPDX-License-Identifier: MIT
#include "printer/cp1258.hpp"

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

    /// Decodes one code point at @p i (advancing it); false if the UTF-8 is broken.
    bool next_code_point(std::string_view text, std::size_t& i, char32_t& code)
    {
        auto const lead = static_cast<unsigned char>(text[i]);
        int extra = 0;
        if (lead < 0x80) {
            code = lead;
            ++i;
            return true;
        }
        if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            code = lead & 0x1FU;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            code = lead & 0x0FU;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            code = lead & 0x07U;
        } else {
            return false;
        }
        if (i + static_cast<std::size_t>(extra) >= text.size())
            return false;
        for (int k = 1; k <= extra; ++k) {
            auto const next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((next & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (next & 0x3FU);
        }
        i += static_cast<std::size_t>(extra) + 1;
        return true;
    }

    void append_utf8(std::string& out, char32_t code)
    {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

} // namespace

Result<std::string> encode(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t code = 0;
        if (!next_code_point(text, i, code))
            return fail(Errc::invalid_argument, "text is not valid UTF-8");
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
        append_utf8(out, code == 0 ? U'\uFFFD' : static_cast<char32_t>(code));
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
