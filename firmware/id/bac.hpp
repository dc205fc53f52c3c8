// SPDX-License-Identifier: MIT
#pragma once

// Basic Access Control (ICAO 9303-11 §4.3): 3DES mutual authentication from the MRZ, both
// the reader side and the card side (for the emulator).

#include "id/access_key.hpp"
#include "id/apdu.hpp"
#include "id/secure_messaging.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <functional>
#include <optional>

namespace kiosk::id {

/// Sends one raw command APDU and returns the raw response (data + SW).
using Transmit = std::function<Result<Bytes>(ByteView command)>;

/// K_enc and K_mac derived from a key seed (ICAO 9303-11 §9.7.1, 3DES, parity adjusted).
struct BacKeys {
    Bytes enc;
    Bytes mac;
    ~BacKeys();
    static BacKeys derive(ByteView key_seed);
};

/// The reader's EXTERNAL AUTHENTICATE data: E_IFD || M_IFD (40 bytes) for the chip's
/// challenge @p rnd_ic and the reader's @p rnd_ifd and @p k_ifd. Deterministic (KAT).
Result<Bytes> bac_reader_cryptogram(BacKeys const& keys, ByteView rnd_ic, ByteView rnd_ifd, ByteView k_ifd);

/// Checks the chip's answer E_IC || M_IC and derives the session.
/// @return the secure channel; Errc::refused if the MAC or RND.IFD does not match (wrong key
///         or a chip playing tricks), Errc::malformed if the answer is not 40 bytes.
Result<SecureMessaging> bac_session(
    BacKeys const& keys, ByteView rnd_ic, ByteView rnd_ifd, ByteView k_ifd, ByteView chip_answer);

/// Full reader side: GET CHALLENGE, EXTERNAL AUTHENTICATE, session keys.
/// @return Errc::refused when the chip rejects the key (63 00 / 69 82) or its answer does not
///         verify; Errc::invalid_argument if @p key has no MRZ data; transport errors as they come.
Result<SecureMessaging> bac_authenticate(Transmit const& transmit, AccessKey const& key);

/// Card side of BAC: answers GET CHALLENGE and EXTERNAL AUTHENTICATE.
class BacCard {
public:
    explicit BacCard(ByteView key_seed);

    /// GET CHALLENGE: a fresh 8-byte RND.IC. @return Errc::internal if the RNG failed.
    Result<Bytes> challenge();

    /// EXTERNAL AUTHENTICATE with @p data (E_IFD || M_IFD). On success returns the chip's
    /// answer (E_IC || M_IC) and sets session() ; on a wrong key returns std::nullopt
    /// (the card answers 63 00).
    Result<std::optional<Bytes>> external_authenticate(ByteView data);

    /// The secure channel after a successful external_authenticate().
    std::optional<SecureMessaging>& session() noexcept { return m_session; }

private:
    BacKeys m_keys;
    Bytes m_rnd_ic;
    std::optional<SecureMessaging> m_session;
};

} // namespace kiosk::id
