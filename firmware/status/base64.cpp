// SPDX-License-Identifier: MIT
#include "status/base64.hpp"

#include <array>

namespace kiosk::status {

namespace {

constexpr std::string_view ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int value_of(char c) noexcept
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

} // namespace

std::string base64_encode(std::span<std::uint8_t const> bytes)
{
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t chunk = std::uint32_t { bytes[i] } << 16;
        if (i + 1 < bytes.size())
            chunk |= std::uint32_t { bytes[i + 1] } << 8;
        if (i + 2 < bytes.size())
            chunk |= bytes[i + 2];
        text += ALPHABET[(chunk >> 18) & 0x3F];
        text += ALPHABET[(chunk >> 12) & 0x3F];
        text += i + 1 < bytes.size() ? ALPHABET[(chunk >> 6) & 0x3F] : '=';
        text += i + 2 < bytes.size() ? ALPHABET[chunk & 0x3F] : '=';
    }
    return text;
}

std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text)
{
    if (text.size() % 4 != 0)
        return std::nullopt;
    std::vector<std::uint8_t> bytes;
    bytes.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        bool last = i + 4 == text.size();
        std::array<int, 4> values {};
        int padding = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            char c = text[i + j];
            if (c == '=' && last && j >= 2) {
                values.at(j) = 0;
                ++padding;
                continue;
            }
            if (padding > 0)
                return std::nullopt;
            values.at(j) = value_of(c);
            if (values.at(j) < 0)
                return std::nullopt;
        }
        std::uint32_t chunk = (static_cast<std::uint32_t>(values[0]) << 18) | (static_cast<std::uint32_t>(values[1]) << 12)
            | (static_cast<std::uint32_t>(values[2]) << 6) | static_cast<std::uint32_t>(values[3]);
        bytes.push_back(static_cast<std::uint8_t>(chunk >> 16));
        if (padding < 2)
            bytes.push_back(static_cast<std::uint8_t>(chunk >> 8));
        if (padding < 1)
            bytes.push_back(static_cast<std::uint8_t>(chunk));
    }
    return bytes;
}

} // namespace kiosk::status
