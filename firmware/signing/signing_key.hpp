// SPDX-License-Identifier: MIT
#pragma once

#include "signing/verify_key.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace kiosk::signing {

/// An Ed25519 private key (OpenSSL 3), for the release tool: signs catalog packages and
/// update metadata. Never on a kiosk. Move-only; the key material is freed (and zeroed by
/// OpenSSL) when the object goes away.
class SigningKey {
public:
    /// A new random key.
    static Result<SigningKey> generate();

    /// From the 32-byte private seed (RFC 8032 test vectors, deterministic test keys).
    /// @return Errc::malformed for any other length.
    static Result<SigningKey> from_seed(ByteView seed);

    /// Reads a PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----").
    /// @return Errc::malformed if it is not PEM or not an Ed25519 key.
    static Result<SigningKey> from_pem(std::string_view pem);

    ~SigningKey();
    SigningKey(SigningKey&&) noexcept;
    SigningKey& operator=(SigningKey&&) noexcept;
    SigningKey(SigningKey const&) = delete;
    SigningKey& operator=(SigningKey const&) = delete;

    /// PKCS#8 PEM, for a key file (keep it 0600).
    [[nodiscard]] Result<std::string> to_pem() const;

    /// The matching public key.
    [[nodiscard]] Result<VerifyKey> verify_key() const;

    /// The 64-byte Ed25519 signature of @p message.
    [[nodiscard]] Result<Bytes> sign(ByteView message) const;

private:
    struct Key;
    explicit SigningKey(std::unique_ptr<Key> key);
    std::unique_ptr<Key> m_key;
};

} // namespace kiosk::signing
