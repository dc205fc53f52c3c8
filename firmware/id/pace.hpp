// SPDX-License-Identifier: MIT
#pragma once

// PACE v2 with ECDH Generic Mapping (ICAO 9303-11 §4.4), reader and card side.

#include "id/apdu.hpp"
#include "id/bac.hpp"
#include "id/card_access.hpp"
#include "id/crypto.hpp"
#include "id/secure_messaging.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace kiosk::id {

/// Which password PACE runs on (MSE:Set AT DO'83').
enum class PacePassword : std::uint8_t {
    mrz = 1,
    can = 2,
};

/// Makes an ephemeral private scalar on a group; tests pass fixed ones (ICAO worked example).
using ScalarSource = std::function<Result<Bytes>(crypto::EcGroup const&)>;

/// s = D(K_pi, z) with K_pi = KDF(password, 3), CBC with a zero IV.
Result<Bytes> pace_decrypt_nonce(crypto::Cipher cipher, ByteView password, ByteView encrypted_nonce);
/// z = E(K_pi, s) (card side).
Result<Bytes> pace_encrypt_nonce(crypto::Cipher cipher, ByteView password, ByteView nonce);

/// The public-key data object the tokens are computed over: 7F49 { 06 OID, 86 point }.
Bytes pace_public_key_object(ByteView oid, ByteView point);

/// Authentication token: MAC(KSmac, public-key object of @p point), 8 bytes. AES-CMAC over the
/// object as it is; for 3DES, the retail MAC over the padded object.
Result<Bytes> pace_token(crypto::Cipher cipher, ByteView mac_key, ByteView oid, ByteView point);

/// Reader side: MSE:Set AT, four GENERAL AUTHENTICATEs, session keys with SSC = 0.
/// @return the secure channel; Errc::refused if the chip rejects the password (its token
///         does not verify, or it answers 63 00 / 69 82); Errc::malformed on answers that do not
///         parse or points not on the curve; Errc::unsupported if @p info is not supported.
Result<SecureMessaging> pace_authenticate(Transmit const& transmit, PaceInfo const& info, PacePassword password_type,
    ByteView password, ScalarSource const& scalars = {});

/// Card side of PACE: answers MSE:Set AT and the GENERAL AUTHENTICATE chain.
class PaceCard {
public:
    /// @p offered: the PACEInfos of EF.CardAccess; @p can / @p mrz_password: the passwords
    /// (CAN ASCII; SHA-1 of MRZ_information).
    PaceCard(std::vector<PaceInfo> offered, Bytes can, Bytes mrz_password);
    ~PaceCard();
    PaceCard(PaceCard const&) = delete;
    PaceCard& operator=(PaceCard const&) = delete;

    /// Handles one plain command (INS 22 or 86). @return the response (data + SW); wrong
    /// tokens answer 63 00 and reset the protocol.
    Bytes handle(Apdu const& command);

    /// The secure channel once the last GENERAL AUTHENTICATE succeeded.
    std::optional<SecureMessaging>& session() noexcept { return m_session; }

private:
    Result<Bytes> step(Apdu const& command);
    void reset() noexcept;

    std::vector<PaceInfo> m_offered;
    Bytes m_can;
    Bytes m_mrz_password;
    std::optional<PaceInfo> m_selected;
    Bytes m_password;
    int m_step = 0;
    Bytes m_nonce;
    std::optional<crypto::EcGroup> m_group;
    std::optional<crypto::EcGroup> m_mapped;
    Bytes m_secret;
    Bytes m_public;
    Bytes m_reader_public;
    Bytes m_enc_key;
    Bytes m_mac_key;
    std::optional<SecureMessaging> m_session;
};

} // namespace kiosk::id
