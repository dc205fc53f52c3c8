// SPDX-License-Identifier: MIT
// ICAO Doc 9303 part 11 appendix D.1-D.3 (MRZ L898902C<3, 690806, 940623) and the card side.
#include "id/bac.hpp"

#include "hex.hpp"

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using kiosk::Result;
using kiosk::id::AccessKey;
using kiosk::id::BacCard;
using kiosk::id::BacKeys;
using kiosk::test::hex;

TEST_GROUP(Bac) {};

TEST(Bac, IcaoKeySeedAndKeys)
{
    auto const key = KIOSK_MUST(AccessKey::from_mrz("L898902C<", "690806", "940623"));
    CHECK_EQUAL(std::string("L898902C<369080619406236"), key.mrz_information());
    auto const seed = key.bac_key_seed();
    CHECK_TRUE(seed == hex("239AB9CB282DAF66231DC5A4DF6BFBAE"));
    auto const keys = BacKeys::derive(seed);
    CHECK_TRUE(keys.enc == hex("AB94FDECF2674FDFB9B391F85D7F76F2"));
    CHECK_TRUE(keys.mac == hex("7962D9ECE03D1ACD4C76089DCE131543"));
}

TEST(Bac, IcaoMutualAuthenticationAndSessionKeys)
{
    auto const keys = BacKeys::derive(hex("239AB9CB282DAF66231DC5A4DF6BFBAE"));
    auto const rnd_ic = hex("4608F91988702212");
    auto const rnd_ifd = hex("781723860C06C226");
    auto const k_ifd = hex("0B795240CB7049B01C19B33E32804F0B");
    auto const cryptogram = kiosk::id::bac_reader_cryptogram(keys, rnd_ic, rnd_ifd, k_ifd);
    CHECK_TRUE(cryptogram.has_value());
    CHECK_TRUE(*cryptogram
        == hex("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"));
    auto session = kiosk::id::bac_session(keys, rnd_ic, rnd_ifd, k_ifd,
        hex("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449"));
    CHECK_TRUE(session.has_value());
    CHECK_TRUE(session->ssc() == hex("887022120C06C226"));
    // The session keys are those of appendix D.3: the D.4 exchange must check out.
    auto& sm = *session;
    auto const wire = KIOSK_MUST(sm.wrap_command({ 0x00, 0xA4, 0x02, 0x0C, hex("011E"), std::nullopt }));
    CHECK_TRUE(wire == hex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"));
}

TEST(Bac, ChipAnswerWithWrongMacIsRefused)
{
    auto const keys = BacKeys::derive(hex("239AB9CB282DAF66231DC5A4DF6BFBAE"));
    auto const session = kiosk::id::bac_session(keys, hex("4608F91988702212"), hex("781723860C06C226"),
        hex("0B795240CB7049B01C19B33E32804F0B"),
        hex("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7448"));
    CHECK_TRUE(session.error().code() == Errc::refused);
    auto const short_answer = kiosk::id::bac_session(keys, hex("4608F91988702212"), hex("781723860C06C226"),
        hex("0B795240CB7049B01C19B33E32804F0B"), hex("46B9"));
    CHECK_TRUE(short_answer.error().code() == Errc::malformed);
}

namespace {

// Drives a BacCard with raw APDUs, as a chip would see them.
kiosk::id::Transmit card_transport(BacCard& card)
{
    return [&card](ByteView raw) -> Result<Bytes> {
        auto const command = KIOSK_MUST(kiosk::id::Apdu::parse(raw));
        if (command.ins == 0x84)
            return kiosk::id::join_response(KIOSK_MUST(card.challenge()), 0x9000);
        auto answer = KIOSK_MUST(card.external_authenticate(command.data));
        if (!answer)
            return kiosk::id::join_response({}, 0x6300);
        return kiosk::id::join_response(*answer, 0x9000);
    };
}

} // namespace

TEST(Bac, ReaderAndCardAgree)
{
    auto const key = KIOSK_MUST(AccessKey::from_mrz("187004512", "870712", "470712"));
    BacCard card(key.bac_key_seed());
    auto session = kiosk::id::bac_authenticate(card_transport(card), key);
    CHECK_TRUE(session.has_value());
    CHECK_TRUE(card.session().has_value());
    CHECK_TRUE(session->ssc() == card.session()->ssc());
    auto const wire = KIOSK_MUST(session->wrap_command({ 0x00, 0xB0, 0x81, 0x00, {}, 200 }));
    auto const plain = card.session()->unwrap_command(wire);
    CHECK_TRUE(plain.has_value() && plain->p1 == 0x81);
}

TEST(Bac, WrongKeyIsRefused)
{
    auto const key = KIOSK_MUST(AccessKey::from_mrz("187004512", "870712", "470712"));
    auto const other = KIOSK_MUST(AccessKey::from_mrz("187004513", "870712", "470712"));
    BacCard card(other.bac_key_seed());
    auto session = kiosk::id::bac_authenticate(card_transport(card), key);
    CHECK_TRUE(session.error().code() == Errc::refused);
    CHECK_FALSE(card.session().has_value());
}

TEST(Bac, NoMrzDataIsAnArgumentError)
{
    auto const key = KIOSK_MUST(AccessKey::from_can("004512"));
    BacCard card(Bytes(16, 0));
    CHECK_TRUE(kiosk::id::bac_authenticate(card_transport(card), key).error().code() == Errc::invalid_argument);
}
