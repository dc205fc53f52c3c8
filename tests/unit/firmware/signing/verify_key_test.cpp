// SPDX-License-Identifier: MIT
// Ed25519 against RFC 8032's test vectors, and every way a signature or key can be wrong.
#include <signing/signing_key.hpp>
#include <signing/verify_key.hpp>

#include <string>

#include "contract/contract_support.hpp"

using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using kiosk::signing::from_hex;
using kiosk::signing::SigningKey;
using kiosk::signing::VerifyKey;

namespace {

// RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72).
constexpr char const* SEED_1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr char const* PUBLIC_1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr char const* SIGNATURE_1 = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
constexpr char const* SEED_2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
constexpr char const* PUBLIC_2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
constexpr char const* SIGNATURE_2 = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                    "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

Bytes hex(char const* text) { return *from_hex(text); }

} // namespace

TEST_GROUP(VerifyKey) {};

TEST(VerifyKey, rfc8032_signatures_verify)
{
    KIOSK_CHECK_OK(VerifyKey::from_hex(PUBLIC_1)->verify(ByteView(), hex(SIGNATURE_1)));
    Bytes const message { 0x72 };
    KIOSK_CHECK_OK(VerifyKey::from_hex(PUBLIC_2)->verify(message, hex(SIGNATURE_2)));
}

TEST(VerifyKey, signing_with_the_rfc8032_seed_gives_the_rfc8032_signature)
{
    auto empty_message_key = SigningKey::from_seed(hex(SEED_1));
    KIOSK_CHECK_OK(empty_message_key);
    STRCMP_EQUAL(SIGNATURE_1, kiosk::signing::to_hex(*empty_message_key->sign(ByteView())).c_str());
    auto key = SigningKey::from_seed(hex(SEED_2));
    KIOSK_CHECK_OK(key);
    Bytes const message { 0x72 };
    STRCMP_EQUAL(SIGNATURE_2, kiosk::signing::to_hex(*key->sign(message)).c_str());
    STRCMP_EQUAL(PUBLIC_2, key->verify_key()->hex().c_str());
}

TEST(VerifyKey, a_tampered_message_is_refused)
{
    Bytes const message { 0x73 };
    auto verdict = VerifyKey::from_hex(PUBLIC_2)->verify(message, hex(SIGNATURE_2));
    CHECK_TRUE(verdict.error() == Errc::refused);
}

TEST(VerifyKey, another_key_is_refused)
{
    Bytes const message { 0x72 };
    CHECK_TRUE(VerifyKey::from_hex(PUBLIC_1)->verify(message, hex(SIGNATURE_2)).error() == Errc::refused);
}

TEST(VerifyKey, a_flipped_signature_bit_or_a_short_signature_is_refused)
{
    auto signature = hex(SIGNATURE_1);
    signature[10] ^= 0x01U;
    CHECK_TRUE(VerifyKey::from_hex(PUBLIC_1)->verify(ByteView(), signature).error() == Errc::refused);
    signature.resize(63);
    CHECK_TRUE(VerifyKey::from_hex(PUBLIC_1)->verify(ByteView(), signature).error() == Errc::refused);
    CHECK_TRUE(VerifyKey::from_hex(PUBLIC_1)->verify(ByteView(), Bytes()).error() == Errc::refused);
}

TEST(VerifyKey, malformed_keys_are_refused)
{
    CHECK_TRUE(VerifyKey::from_hex("d75a98").error() == Errc::malformed);
    CHECK_TRUE(VerifyKey::from_hex(std::string(64, 'g')).error() == Errc::malformed);
    CHECK_TRUE(VerifyKey::from_pem("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n").error()
        == Errc::malformed);
    CHECK_TRUE(SigningKey::from_pem("not a key").error() == Errc::malformed);
    CHECK_TRUE(SigningKey::from_seed(Bytes(31)).error() == Errc::malformed);
}

TEST(VerifyKey, pem_round_trips_keep_the_key)
{
    auto key = *SigningKey::generate();
    auto const pub = *key.verify_key();
    auto const again = SigningKey::from_pem(*key.to_pem());
    KIOSK_CHECK_OK(again);
    CHECK_TRUE(*again->verify_key() == pub);
    CHECK_TRUE(*VerifyKey::from_pem(*pub.to_pem()) == pub);
    Bytes const message { 1, 2, 3 };
    KIOSK_CHECK_OK(pub.verify(message, *again->sign(message)));
}

TEST(VerifyKey, key_id_is_the_sha256_of_the_raw_key)
{
    // sha256 of the RFC 8032 TEST 1 public key bytes.
    auto const id = VerifyKey::from_hex(PUBLIC_1)->key_id();
    LONGS_EQUAL(64, static_cast<long>(id.size()));
    CHECK_TRUE(id != VerifyKey::from_hex(PUBLIC_2)->key_id());
    STRCMP_EQUAL(id.c_str(), VerifyKey::from_hex(PUBLIC_1)->key_id().c_str());
}
