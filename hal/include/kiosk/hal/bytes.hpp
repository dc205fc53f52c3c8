// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace kiosk {

/// An owned byte string (APDUs, transport payloads).
using Bytes = std::vector<std::uint8_t>;
/// A read-only view of bytes.
using ByteView = std::span<std::uint8_t const>;

} // namespace kiosk
