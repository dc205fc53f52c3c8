// SPDX-License-Identifier: MIT
// Fuzz target: secure-messaging response unwrapping (what a hostile chip sends after
// authentication). The first byte picks the cipher; the rest is the response. Never a read
// outside the buffer; any failure closes the channel; a success can only come with a valid MAC
// (so from random bytes, practically never).
#include "id/secure_messaging.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace kiosk::id;
    if (size == 0)
        return 0;
    auto const cipher = (data[0] & 1) != 0 ? crypto::Cipher::aes128 : crypto::Cipher::tdes;
    kiosk::Bytes const key(16, 0x42);
    SecureMessaging reader(cipher, key, key, kiosk::Bytes(crypto::block_size(cipher), 0));
    auto const response = reader.unwrap_response(kiosk::ByteView(data + 1, size - 1));
    if (!response && reader.open())
        __builtin_trap();
    // The card side parses protected commands with the same object code.
    SecureMessaging card(cipher, key, key, kiosk::Bytes(crypto::block_size(cipher), 0));
    auto const command = card.unwrap_command(kiosk::ByteView(data + 1, size - 1));
    if (!command && card.open())
        __builtin_trap();
    return 0;
}
