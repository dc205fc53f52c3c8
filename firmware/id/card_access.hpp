// SPDX-License-Identifier: MIT
#pragma once

// EF.CardAccess (ICAO 9303-11 §9.2): the SecurityInfos a chip offers before authentication.
// We pick out PACEInfo entries for ECDH Generic Mapping, the one mapping we implement.

#include "id/crypto.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace kiosk::id {

/// One PACE protocol a chip offers.
struct PaceInfo {
    Bytes oid;                  ///< protocol OID value bytes (without tag and length)
    crypto::Cipher cipher = crypto::Cipher::aes128;
    std::uint64_t version = 2;
    std::uint64_t parameter_id = 0; ///< standardized domain parameter ID (12 P-256, 13 brainpoolP256r1)
    bool supported = false;      ///< ECDH-GM with a curve we have
    [[nodiscard]] crypto::Curve curve() const noexcept { return static_cast<crypto::Curve>(parameter_id); }
};

/// id-PACE-ECDH-GM-<cipher> OID value bytes (0.4.0.127.0.7.2.2.4.2.{1,2,3,4}).
Bytes pace_ecdh_gm_oid(crypto::Cipher cipher);

/// What a chip offers, in file order. Non-PACE SecurityInfos (chip authentication, terminal
/// authentication...) are skipped; PACEInfos for mappings or curves we lack are kept with
/// supported = false.
struct CardAccess {
    std::vector<PaceInfo> pace;

    /// The strongest supported PACEInfo (AES-256 over AES-128 over 3DES), or none.
    [[nodiscard]] std::optional<PaceInfo> best() const;
};

/// Parses EF.CardAccess: a DER SET OF SecurityInfo.
/// @return Errc::malformed if it is not a SET of SEQUENCEs each starting with an OID, or a
///         PACEInfo's version or parameter ID is not a small non-negative INTEGER.
Result<CardAccess> parse_card_access(ByteView file);

/// Encodes a SET of the given PACEInfos (card emulator, tests).
Bytes encode_card_access(std::vector<PaceInfo> const& infos);

} // namespace kiosk::id
