// SPDX-License-Identifier: MIT
#include "id/bac.hpp"

#include <algorithm>

namespace kiosk::id {

namespace {

constexpr std::size_t NONCE = 8;
constexpr std::size_t KEY_HALF = 16;

Bytes concat(ByteView a, ByteView b, ByteView c)
{
    Bytes out(a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    out.insert(out.end(), c.begin(), c.end());
    return out;
}

// E || MAC(pad(E)) with K_enc / K_mac.
Result<Bytes> seal(BacKeys const& keys, ByteView plain)
{
    Bytes const zero_iv(8, 0);
    auto encrypted = KIOSK_TRY(crypto::cbc(crypto::Cipher::tdes, crypto::Direction::encrypt, keys.enc, zero_iv, plain));
    auto const mac = KIOSK_TRY(crypto::mac(crypto::Cipher::tdes, keys.mac, crypto::pad(encrypted, 8)));
    encrypted.insert(encrypted.end(), mac.begin(), mac.end());
    return encrypted;
}

// Checks the MAC of E || M and decrypts E. nullopt if the MAC does not match.
Result<std::optional<Bytes>> open_sealed(BacKeys const& keys, ByteView sealed)
{
    if (sealed.size() != 40)
        return fail(Errc::malformed, "BAC cryptogram is not 40 bytes");
    ByteView const encrypted = sealed.first(32);
    auto const mac = KIOSK_TRY(crypto::mac(crypto::Cipher::tdes, keys.mac, crypto::pad(encrypted, 8)));
    if (!crypto::equal(mac, sealed.subspan(32)))
        return std::optional<Bytes>();
    Bytes const zero_iv(8, 0);
    auto plain = KIOSK_TRY(crypto::cbc(crypto::Cipher::tdes, crypto::Direction::decrypt, keys.enc, zero_iv, encrypted));
    return std::optional<Bytes>(std::move(plain));
}

SecureMessaging make_session(ByteView k_ifd, ByteView k_ic, ByteView rnd_ic, ByteView rnd_ifd)
{
    Bytes seed(KEY_HALF);
    for (std::size_t i = 0; i < KEY_HALF; ++i)
        seed[i] = static_cast<std::uint8_t>(k_ifd[i] ^ k_ic[i]);
    auto enc = crypto::derive_key(crypto::Cipher::tdes, seed, 1);
    auto mac = crypto::derive_key(crypto::Cipher::tdes, seed, 2);
    crypto::wipe(seed);
    Bytes ssc(rnd_ic.begin() + 4, rnd_ic.end());
    ssc.insert(ssc.end(), rnd_ifd.begin() + 4, rnd_ifd.end());
    return SecureMessaging(crypto::Cipher::tdes, std::move(enc), std::move(mac), std::move(ssc));
}

} // namespace

BacKeys::~BacKeys()
{
    crypto::wipe(enc);
    crypto::wipe(mac);
}

BacKeys BacKeys::derive(ByteView key_seed)
{
    BacKeys keys;
    keys.enc = crypto::derive_key(crypto::Cipher::tdes, key_seed, 1);
    keys.mac = crypto::derive_key(crypto::Cipher::tdes, key_seed, 2);
    return keys;
}

Result<Bytes> bac_reader_cryptogram(BacKeys const& keys, ByteView rnd_ic, ByteView rnd_ifd, ByteView k_ifd)
{
    if (rnd_ic.size() != NONCE || rnd_ifd.size() != NONCE || k_ifd.size() != KEY_HALF)
        return fail(Errc::invalid_argument, "BAC nonce sizes");
    Bytes s = concat(rnd_ifd, rnd_ic, k_ifd);
    auto sealed = seal(keys, s);
    crypto::wipe(s);
    return sealed;
}

Result<SecureMessaging> bac_session(
    BacKeys const& keys, ByteView rnd_ic, ByteView rnd_ifd, ByteView k_ifd, ByteView chip_answer)
{
    auto plain = KIOSK_TRY(open_sealed(keys, chip_answer));
    if (!plain)
        return fail(Errc::refused, "BAC: chip's answer does not verify");
    // R = RND.IC || RND.IFD || K.IC
    ByteView const r = *plain;
    if (!std::equal(rnd_ic.begin(), rnd_ic.end(), r.begin()) || !std::equal(rnd_ifd.begin(), rnd_ifd.end(), r.begin() + 8)) {
        crypto::wipe(*plain);
        return fail(Errc::refused, "BAC: chip's answer names other challenges");
    }
    auto session = make_session(k_ifd, r.subspan(16, KEY_HALF), rnd_ic, rnd_ifd);
    crypto::wipe(*plain);
    return session;
}

Result<SecureMessaging> bac_authenticate(Transmit const& transmit, AccessKey const& key)
{
    if (!key.has_mrz())
        return fail(Errc::invalid_argument, "BAC needs document number, birth and expiry date");
    Bytes seed = key.bac_key_seed();
    auto const keys = BacKeys::derive(seed);
    crypto::wipe(seed);

    auto const challenge_raw = KIOSK_TRY(transmit(Bytes { 0x00, 0x84, 0x00, 0x00, 0x08 }));
    auto const challenge = KIOSK_TRY(split_response(challenge_raw));
    if (!challenge.ok())
        return fail(Errc::refused, "BAC: GET CHALLENGE refused");
    if (challenge.data.size() != NONCE)
        return fail(Errc::malformed, "BAC: challenge is not 8 bytes");

    auto rnd_ifd = KIOSK_TRY(crypto::random_bytes(NONCE));
    auto k_ifd = KIOSK_TRY(crypto::random_bytes(KEY_HALF));
    auto const cryptogram = KIOSK_TRY(bac_reader_cryptogram(keys, challenge.data, rnd_ifd, k_ifd));
    Apdu authenticate { 0x00, 0x82, 0x00, 0x00, cryptogram, 40 };
    auto const encoded = KIOSK_TRY(authenticate.encode());
    auto const answer_raw = KIOSK_TRY(transmit(encoded));
    auto answer = KIOSK_TRY(split_response(answer_raw));
    if (!answer.ok()) {
        crypto::wipe(k_ifd);
        return fail(Errc::refused, "BAC: chip refused the key");
    }
    auto session = bac_session(keys, challenge.data, rnd_ifd, k_ifd, answer.data);
    crypto::wipe(k_ifd);
    crypto::wipe(answer.data);
    return session;
}

BacCard::BacCard(ByteView key_seed)
    : m_keys(BacKeys::derive(key_seed))
{
}

Result<Bytes> BacCard::challenge()
{
    m_session.reset();
    m_rnd_ic = KIOSK_TRY(crypto::random_bytes(NONCE));
    return m_rnd_ic;
}

Result<std::optional<Bytes>> BacCard::external_authenticate(ByteView data)
{
    m_session.reset();
    if (m_rnd_ic.size() != NONCE || data.size() != 40)
        return std::optional<Bytes>();
    auto plain = KIOSK_TRY(open_sealed(m_keys, data));
    if (!plain)
        return std::optional<Bytes>();
    ByteView const s = *plain; // RND.IFD || RND.IC || K.IFD
    if (!std::equal(m_rnd_ic.begin(), m_rnd_ic.end(), s.begin() + 8)) {
        crypto::wipe(*plain);
        return std::optional<Bytes>();
    }
    Bytes const rnd_ifd(s.begin(), s.begin() + 8);
    Bytes k_ifd(s.begin() + 16, s.end());
    crypto::wipe(*plain);
    auto k_ic = KIOSK_TRY(crypto::random_bytes(KEY_HALF));
    Bytes r = concat(m_rnd_ic, rnd_ifd, k_ic);
    auto answer = KIOSK_TRY(seal(m_keys, r));
    crypto::wipe(r);
    m_session.emplace(make_session(k_ifd, k_ic, m_rnd_ic, rnd_ifd));
    crypto::wipe(k_ifd);
    crypto::wipe(k_ic);
    m_rnd_ic.clear(); // a challenge answers one authentication only
    return std::optional<Bytes>(std::move(answer));
}

} // namespace kiosk::id
