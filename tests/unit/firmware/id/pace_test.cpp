// SPDX-License-Identifier: MIT
// ICAO Doc 9303 part 11 appendix G.1 (PACE ECDH Generic Mapping, brainpoolP256r1, AES-128)
// replayed through pace_authenticate() with the example's keys, then reader <-> card.
#include "id/pace.hpp"

#include "hex.hpp"

#include <CppUTest/TestHarness.h>

#include <deque>

using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using kiosk::Result;
using kiosk::id::Apdu;
using kiosk::id::PaceCard;
using kiosk::id::PaceInfo;
using kiosk::id::PacePassword;
using kiosk::id::crypto::Cipher;
using kiosk::id::crypto::EcGroup;
using kiosk::test::hex;

namespace {

PaceInfo icao_info()
{
    PaceInfo info;
    info.oid = hex("04007F00070202040202");
    info.cipher = Cipher::aes128;
    info.version = 2;
    info.parameter_id = 13;
    info.supported = true;
    return info;
}

Bytes const PK_MAP_IC = hex("04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
                            "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54");
Bytes const PK_IC = hex("049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
                        "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094");
Bytes const PK_IFD = hex("042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
                         "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462");

Bytes tlv7c(std::uint8_t tag, ByteView value)
{
    Bytes inner { tag, static_cast<std::uint8_t>(value.size()) };
    inner.insert(inner.end(), value.begin(), value.end());
    Bytes out { 0x7C, static_cast<std::uint8_t>(inner.size()) };
    out.insert(out.end(), inner.begin(), inner.end());
    out.push_back(0x90);
    out.push_back(0x00);
    return out;
}

} // namespace

TEST_GROUP(Pace) {};

TEST(Pace, IcaoNonceAndTokens)
{
    auto const password = hex("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD");
    auto const s = kiosk::id::pace_decrypt_nonce(Cipher::aes128, password, hex("95A3A016522EE98D01E76CB6B98B42C3"));
    CHECK_TRUE(s.has_value() && *s == hex("3F00C4D39D153F2B2A214A078D899B22"));
    auto const mac = hex("FE251C7858B356B24514B3BD5F4297D1");
    auto const t_ifd = kiosk::id::pace_token(Cipher::aes128, mac, icao_info().oid, PK_IC);
    CHECK_TRUE(t_ifd.has_value() && *t_ifd == hex("C2B0BD78D94BA866"));
    auto const t_ic = kiosk::id::pace_token(Cipher::aes128, mac, icao_info().oid, PK_IFD);
    CHECK_TRUE(t_ic.has_value() && *t_ic == hex("3ABB9674BCE93C08"));
}

TEST(Pace, IcaoWorkedExampleThroughTheProtocol)
{
    // The chip's side replayed from appendix G; the reader uses the example's private keys.
    std::deque<Bytes> answers {
        hex("9000"),
        tlv7c(0x80, hex("95A3A016522EE98D01E76CB6B98B42C3")),
        tlv7c(0x82, PK_MAP_IC),
        tlv7c(0x84, PK_IC),
        tlv7c(0x86, hex("3ABB9674BCE93C08")),
    };
    std::vector<Bytes> sent;
    auto transmit = [&](ByteView command) -> Result<Bytes> {
        sent.emplace_back(command.begin(), command.end());
        Bytes answer = answers.front();
        answers.pop_front();
        return answer;
    };
    std::deque<Bytes> scalars { hex("7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99"),
        hex("A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595") };
    auto scalar_source = [&](EcGroup const&) -> Result<Bytes> {
        Bytes scalar = scalars.front();
        scalars.pop_front();
        return scalar;
    };
    auto session = kiosk::id::pace_authenticate(
        transmit, icao_info(), PacePassword::mrz, hex("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"), scalar_source);
    CHECK_TRUE(session.has_value());
    CHECK_EQUAL(5U, sent.size());
    // MSE:Set AT: OID and MRZ password as in the example, plus the domain parameter ID 13.
    CHECK_TRUE(sent[0] == hex("0022C1A412800A04007F0007020204020283010184010D"));
    CHECK_TRUE(sent[1] == hex("10860000027C0000"));
    // The last command carries T_IFD.
    CHECK_TRUE(sent[4] == hex("008600000C7C0A8508C2B0BD78D94BA86600"));
    CHECK_TRUE(session->ssc() == Bytes(16, 0));
}

TEST(Pace, WrongChipTokenIsRefused)
{
    std::deque<Bytes> answers {
        hex("9000"),
        tlv7c(0x80, hex("95A3A016522EE98D01E76CB6B98B42C3")),
        tlv7c(0x82, PK_MAP_IC),
        tlv7c(0x84, PK_IC),
        tlv7c(0x86, hex("3ABB9674BCE93C09")),
    };
    auto transmit = [&](ByteView) -> Result<Bytes> {
        Bytes answer = answers.front();
        answers.pop_front();
        return answer;
    };
    auto session = kiosk::id::pace_authenticate(
        transmit, icao_info(), PacePassword::mrz, hex("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"));
    CHECK_FALSE(session.has_value());
}

TEST(Pace, HostileChipAnswers)
{
    Bytes const bad[] = {
        hex("7C0280FF9000"),                 // nonce length beyond the data
        hex("7C03800102" "9000"),            // nonce not whole blocks
        hex("9000"),                         // no dynamic authentication data
        hex("7C8480000000" "9000"),          // huge length
    };
    for (auto const& step1 : bad) {
        std::deque<Bytes> answers { hex("9000"), step1 };
        auto transmit = [&](ByteView) -> Result<Bytes> {
            Bytes answer = answers.front();
            answers.pop_front();
            return answer;
        };
        auto session = kiosk::id::pace_authenticate(transmit, icao_info(), PacePassword::can, hex("303034353132"));
        CHECK_TRUE(session.error().code() == Errc::malformed);
    }
    // A mapping point off the curve.
    Bytes off_curve = PK_MAP_IC;
    off_curve[5] ^= 0x40;
    std::deque<Bytes> answers { hex("9000"), tlv7c(0x80, hex("95A3A016522EE98D01E76CB6B98B42C3")), tlv7c(0x82, off_curve) };
    auto transmit = [&](ByteView) -> Result<Bytes> {
        Bytes answer = answers.front();
        answers.pop_front();
        return answer;
    };
    CHECK_TRUE(kiosk::id::pace_authenticate(transmit, icao_info(), PacePassword::can, hex("303034353132"))
                   .error()
                   .code()
        == Errc::malformed);
}

namespace {

kiosk::id::Transmit card_transport(PaceCard& card)
{
    return [&card](ByteView raw) -> Result<Bytes> { return card.handle(KIOSK_MUST(Apdu::parse(raw))); };
}

void check_round_trip(Cipher cipher, std::uint64_t parameter)
{
    PaceInfo info;
    info.oid = kiosk::id::pace_ecdh_gm_oid(cipher);
    info.cipher = cipher;
    info.parameter_id = parameter;
    info.supported = true;
    PaceCard card({ info }, hex("303034353132"), {});
    auto session = kiosk::id::pace_authenticate(card_transport(card), info, PacePassword::can, hex("303034353132"));
    CHECK_TRUE(session.has_value());
    CHECK_TRUE(card.session().has_value());
    auto const wire = KIOSK_MUST(session->wrap_command({ 0x00, 0xB0, 0x81, 0x00, {}, 100 }));
    auto const plain = card.session()->unwrap_command(wire);
    CHECK_TRUE(plain.has_value() && plain->le && *plain->le == 100);
}

} // namespace

TEST(Pace, ReaderAndCardAgreeOnEveryCipherAndCurve)
{
    for (auto const cipher : { Cipher::tdes, Cipher::aes128, Cipher::aes192, Cipher::aes256 }) {
        check_round_trip(cipher, 12);
        check_round_trip(cipher, 13);
    }
}

TEST(Pace, WrongCanIsRefused)
{
    PaceInfo info = icao_info();
    PaceCard card({ info }, hex("303034353132"), {});
    auto session = kiosk::id::pace_authenticate(card_transport(card), info, PacePassword::can, hex("303034353133"));
    CHECK_TRUE(session.error().code() == Errc::refused);
    CHECK_FALSE(card.session().has_value());
}
