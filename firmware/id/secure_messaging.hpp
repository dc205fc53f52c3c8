// SPDX-License-Identifier: MIT
#pragma once

// ICAO 9303-11 §9.8 secure messaging: both sides (the reader wraps commands and unwraps
// responses; the card emulator does the reverse), 3DES or AES as negotiated.

#include "id/apdu.hpp"
#include "id/crypto.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

namespace kiosk::id {

/// Session keys and send sequence counter of one secure channel. Not thread-safe.
/// Once any check fails the channel is closed: every later call fails with Errc::refused,
/// so a session never continues after a MAC failure or a plain status word.
class SecureMessaging {
public:
    /// @p ssc is block_size(@p cipher) bytes (BAC: from the challenges; PACE: zeros).
    SecureMessaging(crypto::Cipher cipher, Bytes enc_key, Bytes mac_key, Bytes ssc);
    ~SecureMessaging();
    SecureMessaging(SecureMessaging const&) = delete;
    SecureMessaging& operator=(SecureMessaging const&) = delete;
    SecureMessaging(SecureMessaging&&) noexcept = default;
    SecureMessaging& operator=(SecureMessaging&&) noexcept = default;

    [[nodiscard]] crypto::Cipher cipher() const noexcept { return m_cipher; }
    [[nodiscard]] Bytes const& ssc() const noexcept { return m_ssc; }
    [[nodiscard]] bool open() const noexcept { return m_open; }

    // Reader side -----------------------------------------------------------------------------

    /// Protects @p command: DO'87' (encrypted data), DO'97' (Le), DO'8E' (MAC). Extended length
    /// is used when the protected body or the expected response needs it.
    Result<Bytes> wrap_command(Apdu const& command);

    /// Checks and opens a protected response (data + SW). The MAC over DO'87'/DO'99' is checked
    /// before anything is decrypted.
    /// @return the plain data and status word; Errc::refused if the card answered with a plain
    ///         status word (it dropped secure messaging), Errc::malformed on a MAC failure, a
    ///         missing DO'99'/DO'8E' or bad padding. Each closes the channel.
    Result<Response> unwrap_response(ByteView response);

    // Card side -------------------------------------------------------------------------------

    /// Checks and opens a protected command. @return the plain command; Errc::malformed on a
    /// MAC failure or missing objects (the card then answers 6988 in plain and closes).
    Result<Apdu> unwrap_command(ByteView command);

    /// Protects a response: DO'87' when @p data is not empty, DO'99', DO'8E', then 9000.
    Result<Bytes> wrap_response(ByteView data, std::uint16_t status);

    /// Closes the channel and wipes the keys.
    void close() noexcept;

private:
    void increment_ssc() noexcept;
    Result<Bytes> iv();
    Result<Bytes> compute_mac(ByteView data);
    Result<Bytes> encrypt(ByteView plain);
    Result<Bytes> decrypt(ByteView cryptogram);

    crypto::Cipher m_cipher;
    Bytes m_enc_key;
    Bytes m_mac_key;
    Bytes m_ssc;
    bool m_open = true;
};

} // namespace kiosk::id
