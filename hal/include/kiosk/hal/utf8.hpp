// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

/// UTF-8 decoding and encoding, strict (RFC 3629): truncated and overlong sequences, stray
/// continuation bytes, surrogates and values above U+10FFFF are refused. Vocabulary for the
/// drivers and the domain (the catalog's folding uses utf8proc for the Unicode tables).
namespace kiosk::utf8 {

/// The code point starting at @p offset, advancing @p offset past it; std::nullopt (offset
/// unchanged) when the bytes there are not a valid sequence or @p offset is at the end.
constexpr std::optional<char32_t> next(std::string_view text, std::size_t& offset) noexcept
{
    if (offset >= text.size())
        return std::nullopt;
    auto const lead = static_cast<unsigned char>(text[offset]);
    if (lead < 0x80) {
        ++offset;
        return char32_t { lead };
    }
    std::size_t extra = 0;
    char32_t code = 0;
    if ((lead & 0xE0U) == 0xC0U) {
        extra = 1;
        code = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
        extra = 2;
        code = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
        extra = 3;
        code = lead & 0x07U;
    } else {
        return std::nullopt;
    }
    if (text.size() - offset <= extra)
        return std::nullopt;
    for (std::size_t k = 1; k <= extra; ++k) {
        auto const byte = static_cast<unsigned char>(text[offset + k]);
        if ((byte & 0xC0U) != 0x80U)
            return std::nullopt;
        code = (code << 6U) | (byte & 0x3FU);
    }
    constexpr char32_t SMALLEST[] = { 0, 0x80, 0x800, 0x10000 };
    if (code < SMALLEST[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return std::nullopt;
    offset += extra + 1;
    return code;
}

/// Whether all of @p text is valid UTF-8.
constexpr bool valid(std::string_view text) noexcept
{
    std::size_t offset = 0;
    while (offset < text.size()) {
        if (!next(text, offset))
            return false;
    }
    return true;
}

/// Appends @p code (a Unicode scalar value; others become U+FFFD) to @p out as UTF-8.
inline void append(std::string& out, char32_t code)
{
    if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        code = U'\uFFFD';
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0U | (code >> 6U));
        out += static_cast<char>(0x80U | (code & 0x3FU));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0U | (code >> 12U));
        out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (code & 0x3FU));
    } else {
        out += static_cast<char>(0xF0U | (code >> 18U));
        out += static_cast<char>(0x80U | ((code >> 12U) & 0x3FU));
        out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (code & 0x3FU));
    }
}

} // namespace kiosk::utf8
