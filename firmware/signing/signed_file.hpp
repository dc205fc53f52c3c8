// SPDX-License-Identifier: MIT
#pragma once

// A signed file: any payload (a catalog, update metadata, ...) with the Ed25519 signatures
// of one or more keys. Format "kiosk-signed/1" (see firmware/catalog/README.md):
//
//     kiosk-signed/1\n
//     {"payload_type":"kiosk-catalog/1","payload_bytes":N,"payload_sha256":"<hex>",
//      "signatures":[{"key_id":"<64 hex>","signature":"<128 hex>"}]}\n
//     <exactly N payload bytes>
//
// Each signature covers the statement "kiosk-signed/1\n<payload_type>\n<payload_sha256>\n",
// so a signature made for one payload type can never pass for another.

#include "signing/signing_key.hpp"
#include "signing/verify_key.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::signing {

inline constexpr std::string_view SIGNED_FILE_MAGIC = "kiosk-signed/1";

/// SHA-256 of @p data.
std::array<std::uint8_t, 32> sha256(ByteView data) noexcept;

/// Views text as bytes (no copy).
inline ByteView as_bytes(std::string_view text) noexcept
{
    return { reinterpret_cast<std::uint8_t const*>(text.data()), text.size() };
}

/// Reads a PEM public key file. not_found / io when unreadable, malformed when not a key.
Result<VerifyKey> load_verify_key(std::filesystem::path const& file);
/// Reads a PEM private key file. not_found / io when unreadable, malformed when not a key.
Result<SigningKey> load_signing_key(std::filesystem::path const& file);
/// Writes @p pem to a new file with @p mode (0600 for private keys). Refuses to overwrite
/// an existing file (io, EEXIST).
Result<void> write_key_file(std::filesystem::path const& file, std::string const& pem, unsigned mode);

/// The public keys a verifier trusts, looked up by key id.
class TrustedKeys {
public:
    void add(VerifyKey const& key);
    /// Loads every *.pub file of @p folder. not_found if the folder does not exist;
    /// malformed if a file there is not a public key.
    Result<void> add_folder(std::filesystem::path const& folder);
    [[nodiscard]] VerifyKey const* find(std::string_view key_id) const noexcept;
    [[nodiscard]] std::size_t size() const noexcept { return m_keys.size(); }
    [[nodiscard]] bool empty() const noexcept { return m_keys.empty(); }

private:
    std::vector<VerifyKey> m_keys;
};

/// The statement each signature signs (see above).
std::string signed_statement(std::string_view payload_type, std::string_view payload_sha256_hex);

/// Wraps @p payload in a signed file, signed by each of @p keys (at least one).
/// invalid_argument for an empty payload type or no key; internal if signing fails.
Result<std::string> make_signed_file(std::string_view payload_type, ByteView payload,
    std::vector<SigningKey const*> const& keys);

/// What a verified signed file holds.
struct VerifiedPayload {
    std::string payload_type;
    std::string payload;
    std::vector<std::string> key_ids; ///< the trusted keys whose signatures verified
};

/// True when @p bytes starts like a signed file (its first line is the magic).
bool looks_signed(ByteView bytes) noexcept;

/// Checks @p bytes and returns the payload. Rejects, never half-accepts:
/// - malformed: not a signed file (an unsigned file lands here), broken header, payload
///   size or digest wrong (a tampered payload lands here);
/// - refused: payload type is not @p expected_type, or fewer than @p threshold distinct
///   trusted keys signed it validly (unknown key, wrong key, tampered header or signature).
Result<VerifiedPayload> open_signed_file(
    ByteView bytes, std::string_view expected_type, TrustedKeys const& trusted, std::size_t threshold = 1);

} // namespace kiosk::signing
