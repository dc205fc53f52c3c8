// SPDX-License-Identifier: MIT
// ICAO Doc 9303 part 11 appendix D.4: secure messaging worked example (3DES), then the
// failure cases: bad MAC, plain status word, wrong SSC, hostile object lengths.
#include "id/secure_messaging.hpp"

#include "hex.hpp"

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::Errc;
using kiosk::id::Apdu;
using kiosk::id::SecureMessaging;
using kiosk::id::crypto::Cipher;
using kiosk::test::hex;

namespace {

SecureMessaging icao_channel()
{
    return { Cipher::tdes, hex("979EC13B1CBFE9DCD01AB0FED307EAE5"), hex("F1CB1F1FB5ADF208806B89DC579DC1F8"),
        hex("887022120C06C226") };
}

} // namespace

TEST_GROUP(SecureMessaging) {};

TEST(SecureMessaging, IcaoSelectReadBinaryExchange)
{
    auto sm = icao_channel();
    Apdu const select { 0x00, 0xA4, 0x02, 0x0C, hex("011E"), std::nullopt };
    auto const protected_select = sm.wrap_command(select);
    CHECK_TRUE(protected_select.has_value());
    CHECK_TRUE(*protected_select == hex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"));
    CHECK_TRUE(sm.ssc() == hex("887022120C06C227"));
    auto const select_answer = sm.unwrap_response(hex("990290008E08FA855A5D4C50A8ED9000"));
    CHECK_TRUE(select_answer.has_value());
    CHECK_EQUAL(0x9000, select_answer->status);
    CHECK_TRUE(select_answer->data.empty());

    Apdu const read4 { 0x00, 0xB0, 0x00, 0x00, {}, 4 };
    CHECK_TRUE(KIOSK_MUST(sm.wrap_command(read4)) == hex("0CB000000D9701048E08ED6705417E96BA5500"));
    auto const header = sm.unwrap_response(hex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"));
    CHECK_TRUE(header.has_value());
    CHECK_TRUE(header->data == hex("60145F01"));

    Apdu const read_rest { 0x00, 0xB0, 0x00, 0x04, {}, 0x12 };
    CHECK_TRUE(KIOSK_MUST(sm.wrap_command(read_rest)) == hex("0CB000040D9701128E082EA28A70F3C7B53500"));
    auto const rest = sm.unwrap_response(hex("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000"));
    CHECK_TRUE(rest.has_value());
    CHECK_TRUE(rest->data == hex("04303130365F36063034303030305C026175"));
}

TEST(SecureMessaging, BadMacClosesTheChannel)
{
    auto sm = icao_channel();
    (void)KIOSK_MUST(sm.wrap_command({ 0x00, 0xA4, 0x02, 0x0C, hex("011E"), std::nullopt }));
    auto const answer = sm.unwrap_response(hex("990290008E08FA855A5D4C50A8EE9000"));
    CHECK_TRUE(answer.error().code() == Errc::malformed);
    CHECK_FALSE(sm.open());
    CHECK_TRUE(sm.wrap_command({ 0x00, 0xB0, 0, 0, {}, 4 }).error().code() == Errc::refused);
}

TEST(SecureMessaging, PlainStatusWordEndsTheSession)
{
    auto sm = icao_channel();
    (void)KIOSK_MUST(sm.wrap_command({ 0x00, 0xA4, 0x02, 0x0C, hex("011E"), std::nullopt }));
    CHECK_TRUE(sm.unwrap_response(hex("6988")).error().code() == Errc::refused);
    CHECK_FALSE(sm.open());
}

TEST(SecureMessaging, WrongSscFailsTheMac)
{
    // The same response, but the reader skipped a counter value.
    auto sm = icao_channel();
    (void)KIOSK_MUST(sm.wrap_command({ 0x00, 0xA4, 0x02, 0x0C, hex("011E"), std::nullopt }));
    (void)KIOSK_MUST(sm.wrap_command({ 0x00, 0xA4, 0x02, 0x0C, hex("011E"), std::nullopt }));
    CHECK_TRUE(sm.unwrap_response(hex("990290008E08FA855A5D4C50A8ED9000")).error().code() == Errc::malformed);
}

TEST(SecureMessaging, MissingOrHostileObjects)
{
    Bytes const cases[] = {
        hex("9000"),                                  // no data at all is plain
        hex("8E08FA855A5D4C50A8ED9000"),              // no DO'99'
        hex("990290009000"),                          // no MAC
        hex("9902900087FF9000"),                      // length beyond the data
        hex("99029000848200008E089000"),              // truncated MAC object
        hex("998490000000"),                          // 4-byte length beyond the data
        hex("990290008E08FA855A5D4C50A8ED99029000"),  // data after the MAC
        hex("00"),                                    // shorter than a status word
    };
    for (auto const& response : cases) {
        auto sm = icao_channel();
        (void)KIOSK_MUST(sm.wrap_command({ 0x00, 0xA4, 0x02, 0x0C, hex("011E"), std::nullopt }));
        auto const answer = sm.unwrap_response(response);
        CHECK_FALSE(answer.has_value());
        CHECK_FALSE(sm.open());
    }
}

TEST(SecureMessaging, CardSideRoundTripAesExtendedLength)
{
    Bytes const enc = hex("F5F0E35C0D7161EE6724EE513A0D9A7F");
    Bytes const mac = hex("FE251C7858B356B24514B3BD5F4297D1");
    SecureMessaging reader(Cipher::aes128, enc, mac, Bytes(16, 0));
    SecureMessaging card(Cipher::aes128, enc, mac, Bytes(16, 0));

    Apdu const read { 0x00, 0xB0, 0x81, 0x00, {}, 4000 };
    auto const wire = KIOSK_MUST(reader.wrap_command(read));
    auto const plain = card.unwrap_command(wire);
    CHECK_TRUE(plain.has_value());
    CHECK_EQUAL(0xB0, plain->ins);
    CHECK_EQUAL(0x81, plain->p1);
    CHECK_TRUE(plain->le && *plain->le == 4000);
    Bytes file(4000);
    for (std::size_t i = 0; i < file.size(); ++i)
        file[i] = static_cast<std::uint8_t>(i * 7);
    auto const response = KIOSK_MUST(card.wrap_response(file, 0x9000));
    auto const opened = reader.unwrap_response(response);
    CHECK_TRUE(opened.has_value());
    CHECK_TRUE(opened->data == file);

    // A command with data: the card sees the same bytes.
    Apdu const select { 0x00, 0xA4, 0x02, 0x0C, hex("0101"), std::nullopt };
    auto const select_plain = card.unwrap_command(KIOSK_MUST(reader.wrap_command(select)));
    CHECK_TRUE(select_plain.has_value() && select_plain->data == hex("0101") && !select_plain->le);
}

TEST(SecureMessaging, CardRejectsTamperedCommand)
{
    Bytes const key(16, 0x11);
    SecureMessaging reader(Cipher::aes128, key, key, Bytes(16, 0));
    SecureMessaging card(Cipher::aes128, key, key, Bytes(16, 0));
    auto wire = KIOSK_MUST(reader.wrap_command({ 0x00, 0xB0, 0x00, 0x00, {}, 16 }));
    wire[3] ^= 0x01; // another offset: the MAC covers the header
    CHECK_TRUE(card.unwrap_command(wire).error().code() == Errc::malformed);
    CHECK_FALSE(card.open());
    CHECK_TRUE(card.unwrap_command(hex("00B0000004")).error().code() == Errc::refused);
}
