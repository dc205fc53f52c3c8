// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::signing {

/// An Ed25519 public key: what a kiosk trusts to check catalog packages and update metadata.
/// Plain value (the 32 raw bytes); verification goes through OpenSSL 3.
class VerifyKey {
public:
    static constexpr std::size_t SIZE = 32;
    static constexpr std::size_t SIGNATURE_SIZE = 64;

    /// From the 32 raw bytes. @return Errc::malformed for any other length.
    static Result<VerifyKey> from_raw(ByteView raw);
    /// From 64 hex digits (how metadata files carry keys). @return Errc::malformed otherwise.
    static Result<VerifyKey> from_hex(std::string_view hex);
    /// From a SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
    /// @return Errc::malformed if it is not PEM or not an Ed25519 key.
    static Result<VerifyKey> from_pem(std::string_view pem);

    [[nodiscard]] std::array<std::uint8_t, SIZE> const& raw() const noexcept { return m_raw; }
    [[nodiscard]] std::string hex() const;
    /// SubjectPublicKeyInfo PEM.
    [[nodiscard]] Result<std::string> to_pem() const;

    /// The key's id: SHA-256 of the raw key, in hex (as TUF names keys). Stable, unique.
    [[nodiscard]] std::string key_id() const;

    /// Checks @p signature over @p message.
    /// @return Errc::refused if it does not verify (wrong key, tampered message, bad length).
    [[nodiscard]] Result<void> verify(ByteView message, ByteView signature) const;

    friend bool operator==(VerifyKey const&, VerifyKey const&) = default;

private:
    std::array<std::uint8_t, SIZE> m_raw {};
};

/// Lower-case hex of @p bytes.
std::string to_hex(ByteView bytes);
/// Bytes of @p hex (even length, either case). @return Errc::malformed otherwise.
Result<Bytes> from_hex(std::string_view hex);

} // namespace kiosk::signing
