// SPDX-License-Identifier: MIT
#pragma once

// The cryptography ICAO 9303 part 11 needs (BAC, PACE, secure messaging), wrapping OpenSSL 3.
// This file and crypto.cpp are the only ones in firmware/id that include OpenSSL headers.

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace kiosk::id::crypto {

/// Overwrites the whole buffer of @p bytes (its capacity) with zeros in a way the optimiser
/// keeps (OPENSSL_cleanse), then empties it.
void wipe(Bytes& bytes) noexcept;
/// Overwrites @p size bytes at @p data with zeros.
void wipe(void* data, std::size_t size) noexcept;
/// Overwrites the whole buffer of @p text (its capacity) with zeros, then empties it.
void wipe(std::string& text) noexcept;

/// Constant-time comparison (MACs, tokens): false when sizes differ.
bool equal(ByteView a, ByteView b) noexcept;

/// Bytes from OpenSSL's CSPRNG. @return Errc::internal if the generator failed.
Result<Bytes> random_bytes(std::size_t count);

/// SHA-1 of @p data (20 bytes).
Bytes sha1(ByteView data);
/// SHA-256 of @p data (32 bytes).
Bytes sha256(ByteView data);

/// Block cipher used for secure messaging and PACE.
enum class Cipher {
    tdes, ///< two-key 3DES (K1 K2 K1) CBC, retail MAC (ISO 9797-1 algorithm 3)
    aes128, ///< AES-128 CBC, AES-CMAC
    aes192, ///< AES-192 CBC, AES-CMAC
    aes256, ///< AES-256 CBC, AES-CMAC
};

/// Block size of @p cipher in bytes (8 for 3DES, 16 for AES).
std::size_t block_size(Cipher cipher) noexcept;
/// Key length of @p cipher in bytes (16 for two-key 3DES, 16/24/32 for AES).
std::size_t key_size(Cipher cipher) noexcept;

/// Appends ISO/IEC 9797-1 padding method 2 (0x80 then zeros) up to a multiple of @p block.
Bytes pad(ByteView data, std::size_t block);
/// Strips method-2 padding. @return Errc::malformed if the padding is not there.
Result<Bytes> unpad(ByteView data);

enum class Direction {
    encrypt,
    decrypt,
};

/// CBC with no padding. @p data must be a whole number of blocks, @p key key_size() bytes and
/// @p iv one block. @return Errc::invalid_argument on wrong sizes, Errc::internal if OpenSSL failed.
Result<Bytes> cbc(Cipher cipher, Direction direction, ByteView key, ByteView iv, ByteView data);

/// One block through the raw cipher (ECB): AES secure messaging's IV = E(KSenc, SSC).
Result<Bytes> encrypt_block(Cipher cipher, ByteView key, ByteView block);

/// The 8-byte secure-messaging MAC of @p data, which must already be padded: retail MAC
/// (ISO 9797-1 algorithm 3, DES) for 3DES, AES-CMAC truncated to 8 bytes for AES.
Result<Bytes> mac(Cipher cipher, ByteView key, ByteView data);

/// Full 16-byte AES-CMAC of @p data (not padded by us: CMAC pads internally).
Result<Bytes> aes_cmac(ByteView key, ByteView data);

/// ICAO 9303-11 §9.7.1 key derivation: hash(secret || counter as 32-bit big-endian), SHA-1 for
/// 3DES and AES-128, SHA-256 for AES-192/256, cut to key_size(). 3DES keys get odd DES parity.
/// Counter 1 = encryption key, 2 = MAC key, 3 = PACE password key K_pi.
Bytes derive_key(Cipher cipher, ByteView secret, std::uint32_t counter);

/// Elliptic curves PACE may name (BSI TR-03110 standardized domain parameter IDs).
enum class Curve {
    nist_p256 = 12,
    brainpool_p256r1 = 13,
};

/// An elliptic-curve group (possibly with a mapped generator, as PACE Generic Mapping makes).
/// Points travel as uncompressed SEC1 octets (04 || X || Y).
class EcGroup {
public:
    /// The standard group of @p curve. @return Errc::unsupported if OpenSSL lacks it.
    static Result<EcGroup> create(Curve curve);

    EcGroup(EcGroup&&) noexcept;
    EcGroup& operator=(EcGroup&&) noexcept;
    EcGroup(EcGroup const&) = delete;
    EcGroup& operator=(EcGroup const&) = delete;
    ~EcGroup();

    /// Byte length of a coordinate (32 for 256-bit curves).
    [[nodiscard]] std::size_t field_size() const noexcept;

    /// A fresh private scalar in [1, order-1], field_size() bytes big-endian.
    [[nodiscard]] Result<Bytes> random_scalar() const;

    /// @p scalar times the generator, as an uncompressed point.
    [[nodiscard]] Result<Bytes> public_key(ByteView scalar) const;

    /// @p scalar times @p point (which is checked to be on the curve and not infinity).
    /// @return the uncompressed product; Errc::malformed if @p point is not a valid point.
    [[nodiscard]] Result<Bytes> multiply(ByteView scalar, ByteView point) const;

    /// The x coordinate of @p point (field_size() bytes). Errc::malformed if invalid.
    [[nodiscard]] Result<Bytes> x_coordinate(ByteView point) const;

    /// Generic Mapping (ICAO 9303-11 §4.4.3.3.1): a group whose generator is
    /// G' = nonce·G + H, where H = @p shared_point. Errc::malformed if H is invalid or G' is infinity.
    [[nodiscard]] Result<EcGroup> map_generator(ByteView nonce, ByteView shared_point) const;

    /// Whether @p point decodes to a valid point on this curve other than infinity.
    [[nodiscard]] bool valid_point(ByteView point) const;

private:
    struct State;
    explicit EcGroup(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace kiosk::id::crypto
