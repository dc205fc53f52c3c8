// SPDX-License-Identifier: MIT
// Known answers from ICAO Doc 9303 part 11, appendix D (BAC, 3DES) and appendix G (PACE ECDH
// Generic Mapping on brainpoolP256r1, AES-128), cross-checked against several independent
// implementations' test suites.
#include "id/crypto.hpp"

#include "hex.hpp"

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using namespace kiosk::id::crypto;
using kiosk::test::hex;

TEST_GROUP(Crypto) {};

TEST(Crypto, DeriveKeyBacKeySeedGivesIcaoKencKmac)
{
    auto const seed = hex("239AB9CB282DAF66231DC5A4DF6BFBAE");
    CHECK_TRUE(derive_key(Cipher::tdes, seed, 1) == hex("AB94FDECF2674FDFB9B391F85D7F76F2"));
    CHECK_TRUE(derive_key(Cipher::tdes, seed, 2) == hex("7962D9ECE03D1ACD4C76089DCE131543"));
}

TEST(Crypto, DeriveKeyBacSessionSeed)
{
    auto const seed = hex("0036D272F5C350ACAC50C3F572D23600");
    CHECK_TRUE(derive_key(Cipher::tdes, seed, 1) == hex("979EC13B1CBFE9DCD01AB0FED307EAE5"));
    CHECK_TRUE(derive_key(Cipher::tdes, seed, 2) == hex("F1CB1F1FB5ADF208806B89DC579DC1F8"));
}

TEST(Crypto, TdesCbcAndRetailMacMatchBacMutualAuthentication)
{
    auto const kenc = hex("AB94FDECF2674FDFB9B391F85D7F76F2");
    auto const kmac = hex("7962D9ECE03D1ACD4C76089DCE131543");
    auto const s = hex("781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B");
    auto const e = cbc(Cipher::tdes, Direction::encrypt, kenc, Bytes(8, 0), s);
    CHECK_TRUE(e.has_value());
    CHECK_TRUE(*e == hex("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"));
    auto const m = mac(Cipher::tdes, kmac, pad(*e, 8));
    CHECK_TRUE(m.has_value());
    CHECK_TRUE(*m == hex("5F1448EEA8AD90A7"));
    auto const back = cbc(Cipher::tdes, Direction::decrypt, kenc, Bytes(8, 0), *e);
    CHECK_TRUE(back.has_value() && *back == s);
}

TEST(Crypto, PadAndUnpad)
{
    CHECK_TRUE(pad(hex("011E"), 8) == hex("011E800000000000"));
    CHECK_TRUE(pad(hex("1122334455667788"), 8) == hex("11223344556677888000000000000000"));
    auto const plain = unpad(hex("011E800000000000"));
    CHECK_TRUE(plain.has_value() && *plain == hex("011E"));
    CHECK_TRUE(unpad(hex("011E000000000000")).error().code() == kiosk::Errc::malformed);
    CHECK_TRUE(unpad(hex("0000000000000000")).error().code() == kiosk::Errc::malformed);
}

TEST(Crypto, CbcRejectsWrongSizes)
{
    CHECK_TRUE(cbc(Cipher::aes128, Direction::encrypt, Bytes(15, 0), Bytes(16, 0), Bytes(16, 0)).error().code()
        == kiosk::Errc::invalid_argument);
    CHECK_TRUE(cbc(Cipher::aes128, Direction::encrypt, Bytes(16, 0), Bytes(16, 0), Bytes(15, 0)).error().code()
        == kiosk::Errc::invalid_argument);
    CHECK_TRUE(mac(Cipher::tdes, Bytes(16, 0), Bytes(7, 0)).error().code() == kiosk::Errc::invalid_argument);
}

TEST(Crypto, AesCmacRfc4493)
{
    // RFC 4493 example 2 (16-byte message).
    auto const key = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    auto const tag = aes_cmac(key, hex("6BC1BEE22E409F96E93D7E117393172A"));
    CHECK_TRUE(tag.has_value() && *tag == hex("070A16B46B4D4144F79BDD9DD04A287C"));
}

TEST(Crypto, PaceKdfFromMrzPasswordAndSharedSecret)
{
    // Appendix G: K = SHA-1("T22000129364081251010318"), K_pi = KDF(K, 3).
    auto const k = sha1(kiosk::ByteView(reinterpret_cast<std::uint8_t const*>("T22000129364081251010318"), 24));
    CHECK_TRUE(k == hex("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"));
    CHECK_TRUE(derive_key(Cipher::aes128, k, 3) == hex("89DED1B26624EC1E634C1989302849DD"));
    auto const shared = hex("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925");
    CHECK_TRUE(derive_key(Cipher::aes128, shared, 1) == hex("F5F0E35C0D7161EE6724EE513A0D9A7F"));
    CHECK_TRUE(derive_key(Cipher::aes128, shared, 2) == hex("FE251C7858B356B24514B3BD5F4297D1"));
    CHECK_EQUAL(32U, derive_key(Cipher::aes256, shared, 1).size());
    CHECK_EQUAL(24U, derive_key(Cipher::aes192, shared, 1).size());
}

TEST(Crypto, GenericMappingOnBrainpoolP256r1)
{
    auto group = KIOSK_MUST(EcGroup::create(Curve::brainpool_p256r1));
    auto const nonce = hex("3F00C4D39D153F2B2A214A078D899B22");
    auto const sk_map_pcd = hex("7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99");
    auto const sk_map_picc = hex("498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560");
    auto const pk_map_pcd = KIOSK_MUST(group.public_key(sk_map_pcd));
    CHECK_TRUE(pk_map_pcd
        == hex("047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
               "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"));
    auto const pk_map_picc = KIOSK_MUST(group.public_key(sk_map_picc));
    CHECK_TRUE(pk_map_picc
        == hex("04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
               "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"));
    auto const h = KIOSK_MUST(group.multiply(sk_map_pcd, pk_map_picc));
    CHECK_TRUE(h
        == hex("0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
               "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181"));
    CHECK_TRUE(KIOSK_MUST(group.multiply(sk_map_picc, pk_map_pcd)) == h);

    auto mapped = KIOSK_MUST(group.map_generator(nonce, h));
    auto const sk_pcd = hex("A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595");
    auto const sk_picc = hex("107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A");
    auto const pk_pcd = KIOSK_MUST(mapped.public_key(sk_pcd));
    CHECK_TRUE(pk_pcd
        == hex("042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
               "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"));
    auto const pk_picc = KIOSK_MUST(mapped.public_key(sk_picc));
    CHECK_TRUE(pk_picc
        == hex("049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
               "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"));
    auto const point = KIOSK_MUST(mapped.multiply(sk_pcd, pk_picc));
    auto const k = KIOSK_MUST(mapped.x_coordinate(point));
    CHECK_TRUE(k == hex("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"));
}

TEST(Crypto, MappedGeneratorIsIcaoValue)
{
    // G~ itself: the public key of scalar 1 on the mapped group.
    auto group = KIOSK_MUST(EcGroup::create(Curve::brainpool_p256r1));
    auto const h = hex("0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
                       "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181");
    auto mapped = KIOSK_MUST(group.map_generator(hex("3F00C4D39D153F2B2A214A078D899B22"), h));
    CHECK_TRUE(KIOSK_MUST(mapped.public_key(hex("01")))
        == hex("048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
               "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"));
}

TEST(Crypto, InvalidPointsAreRefused)
{
    auto group = KIOSK_MUST(EcGroup::create(Curve::nist_p256));
    auto point = KIOSK_MUST(group.public_key(hex("05")));
    CHECK_TRUE(group.valid_point(point));
    point[10] ^= 0x01; // off the curve
    CHECK_FALSE(group.valid_point(point));
    CHECK_TRUE(group.multiply(hex("05"), point).error().code() == kiosk::Errc::malformed);
    CHECK_FALSE(group.valid_point(hex("00")));
    CHECK_FALSE(group.valid_point({}));
    CHECK_TRUE(group.map_generator(hex("01"), hex("0401")).error().code() == kiosk::Errc::malformed);
}

TEST(Crypto, RandomScalarsDiffer)
{
    auto group = KIOSK_MUST(EcGroup::create(Curve::nist_p256));
    auto const a = KIOSK_MUST(group.random_scalar());
    auto const b = KIOSK_MUST(group.random_scalar());
    CHECK_EQUAL(32U, a.size());
    CHECK_FALSE(a == b);
    CHECK_TRUE(group.valid_point(KIOSK_MUST(group.public_key(a))));
}
