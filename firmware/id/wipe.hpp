// SPDX-License-Identifier: MIT
#pragma once

// Zeroing of personal data read from a card. Every struct here that holds card contents
// wipes its strings and buffers in its destructor (and so do its copies), with
// explicit_bzero so the compiler cannot drop the stores.

#include <kiosk/hal/bytes.hpp>

#include <string.h> // explicit_bzero (glibc)
#include <string>

namespace kiosk::id {

/// Zeroes every byte @p text owns (its whole capacity, including short-string storage),
/// then empties it.
inline void wipe_string(std::string& text) noexcept
{
    if (text.capacity() > 0)
        explicit_bzero(text.data(), text.capacity());
    text.clear();
}

/// Zeroes every byte @p bytes owns (its whole capacity), then empties it.
inline void wipe_bytes(Bytes& bytes) noexcept
{
    if (bytes.capacity() > 0)
        explicit_bzero(bytes.data(), bytes.capacity());
    bytes.clear();
}

} // namespace kiosk::id
