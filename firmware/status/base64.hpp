// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::status {

/// Standard base64 (RFC 4648, with padding) of @p bytes: how chip evidence travels in JSON.
std::string base64_encode(std::span<std::uint8_t const> bytes);

/// The bytes of standard base64 text (padding required, no whitespace), else std::nullopt.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

} // namespace kiosk::status
