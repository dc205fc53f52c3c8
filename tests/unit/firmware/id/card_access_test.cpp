// SPDX-License-Identifier: MIT
#include "id/card_access.hpp"

#include "hex.hpp"

#include <CppUTest/TestHarness.h>

using kiosk::Errc;
using namespace kiosk::id;
using kiosk::test::hex;

TEST_GROUP(CardAccess) {};

TEST(CardAccess, ParsesPaceInfosAndPicksTheStrongest)
{
    auto const parsed = parse_card_access(hex("3150"
                                              "3012060A04007F0007020204020202010202010D"
                                              "3012060A04007F00070202040204020102020110"
                                              "3012060A04007F00070202040101020102020100"
                                              "3012060A04007F0007020204020402010202010C"));
    CHECK_TRUE(parsed.has_value());
    CHECK_EQUAL(4U, parsed->pace.size());
    CHECK_TRUE(parsed->pace[0].supported && parsed->pace[0].cipher == crypto::Cipher::aes128);
    CHECK_FALSE(parsed->pace[1].supported); // brainpoolP384r1: not a curve we offer
    CHECK_FALSE(parsed->pace[2].supported); // DH-GM
    CHECK_TRUE(parsed->pace[3].supported && parsed->pace[3].cipher == crypto::Cipher::aes256);
    auto const best = parsed->best();
    CHECK_TRUE(best.has_value());
    CHECK_TRUE(best->cipher == crypto::Cipher::aes256);
    CHECK_EQUAL(12U, best->parameter_id);
}

TEST(CardAccess, SkipsOtherSecurityInfos)
{
    // A ChipAuthenticationInfo (0.4.0.127.0.7.2.2.3.2.1) and one PACEInfo.
    auto const parsed = parse_card_access(hex("3125"
                                              "300F060A04007F00070202030201020101"
                                              "3012060A04007F0007020204020202010202010D"));
    CHECK_TRUE(parsed.has_value());
    CHECK_EQUAL(1U, parsed->pace.size());
}

TEST(CardAccess, RoundTrip)
{
    PaceInfo info;
    info.oid = pace_ecdh_gm_oid(crypto::Cipher::aes192);
    info.cipher = crypto::Cipher::aes192;
    info.parameter_id = 13;
    info.supported = true;
    auto const parsed = parse_card_access(encode_card_access({ info }));
    CHECK_TRUE(parsed.has_value() && parsed->pace.size() == 1);
    CHECK_TRUE(parsed->pace[0].supported && parsed->pace[0].cipher == crypto::Cipher::aes192);
    CHECK_TRUE(pace_ecdh_gm_oid(crypto::Cipher::aes128) == hex("04007F00070202040202"));
}

TEST(CardAccess, MalformedInputIsRefused)
{
    char const* const bad[] = {
        "",
        "3003020102",                            // not a SET
        "3114" "3012060A04007F000702",           // truncated
        "3184FFFFFFFF30",                        // hostile length
        "3105" "0403010203",                     // SET of non-SEQUENCE
        "3105" "3003020101",                     // SecurityInfo without an OID
        "3111" "300F060A04007F000702020402020C01", // PACEInfo version not an INTEGER
        "3114" "3012060A04007F000702020402020201FF02010D", // negative version
        "3114" "3012060A04007F0007020204020202010202010D00", // trailing byte
    };
    for (char const* text : bad) {
        auto const parsed = parse_card_access(hex(text));
        CHECK_FALSE(parsed.has_value());
        CHECK_TRUE(parsed.error().code() == Errc::malformed);
    }
}
