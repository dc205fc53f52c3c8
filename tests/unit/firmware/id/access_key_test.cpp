// SPDX-License-Identifier: MIT
#include "id/access_key.hpp"

#include "scan/payload_parser.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::Errc;
using kiosk::id::AccessKey;

TEST_GROUP(AccessKey) {};

TEST(AccessKey, IdNumberGivesCanAndDocumentNumber)
{
    auto const key = KIOSK_MUST(AccessKey::from_id_number("038187004512"));
    CHECK_EQUAL(std::string("004512"), key.can());
    CHECK_EQUAL(std::string("187004512"), key.document_number());
    CHECK_TRUE(key.has_can());
    CHECK_FALSE(key.has_mrz());
    CHECK_TRUE(key.mrz_information().empty());
}

TEST(AccessKey, BadNumbersAreRefused)
{
    CHECK_TRUE(AccessKey::from_id_number("03818700451").error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_id_number("03818700451X").error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_can("12345").error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_can("12345a").error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_mrz("187004512", "871312", "470712").error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_mrz("187004512", "870712", "4707").error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_mrz("18700-4512", "870712", "470712").error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_mrz_argument("187004512,870712").error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_mrz_argument("1,2,3,4").error().code() == Errc::invalid_argument);
}

TEST(AccessKey, MrzArgumentAndTwelveDigitDocumentNumber)
{
    auto const key = KIOSK_MUST(AccessKey::from_mrz_argument("038187004512,870712,470712"));
    CHECK_EQUAL(std::string("187004512"), key.document_number());
    CHECK_EQUAL(std::string("1870045122870712147071233"), key.mrz_information() + "3");
    auto const short_number = KIOSK_MUST(AccessKey::from_mrz("L898902C", "690806", "940623"));
    CHECK_EQUAL(std::string("L898902C<369080619406236"), short_number.mrz_information());
}

TEST(AccessKey, Td1MrzWithVietnameseIdGivesBothKeys)
{
    std::string const mrz = "IDVNM1870045122038187004512<<<\n"
                            "8707121F4707123VNM<<<<<<<<<<<9\n"
                            "LE<<THI<HOA<<<<<<<<<<<<<<<<<<<";
    auto const key = KIOSK_MUST(AccessKey::from_mrz_text(mrz));
    CHECK_EQUAL(std::string("187004512"), key.document_number());
    CHECK_EQUAL(std::string("870712"), key.birth_yymmdd());
    CHECK_EQUAL(std::string("470712"), key.expiry_yymmdd());
    CHECK_EQUAL(std::string("004512"), key.can());
}

TEST(AccessKey, MrzCheckDigitsAreVerified)
{
    std::string mrz = "IDVNM1870045123038187004512<<<8707121F4707123VNM<<<<<<<<<<<9LE<<THI<HOA<<<<<<<<<<<<<<<<<<<";
    CHECK_TRUE(AccessKey::from_mrz_text(mrz).error().code() == Errc::invalid_argument);
    mrz = "IDVNM1870045122038187004512<<<8707122F4707123VNM<<<<<<<<<<<9LE<<THI<HOA<<<<<<<<<<<<<<<<<<<";
    CHECK_TRUE(AccessKey::from_mrz_text(mrz).error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_mrz_text("IDVNM").error().code() == Errc::invalid_argument);
    CHECK_TRUE(AccessKey::from_mrz_text(std::string(90, 'a')).error().code() == Errc::invalid_argument);
}

TEST(AccessKey, Td3PassportMrz)
{
    // ICAO 9303 part 4 specimen.
    std::string const mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                            "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
    auto const key = KIOSK_MUST(AccessKey::from_mrz_text(mrz));
    CHECK_EQUAL(std::string("L898902C3"), key.document_number());
    CHECK_EQUAL(std::string("740812"), key.birth_yymmdd());
    CHECK_EQUAL(std::string("120415"), key.expiry_yymmdd());
    CHECK_FALSE(key.has_can());
}

TEST(AccessKey, IdCardQr)
{
    auto payload = KIOSK_MUST(kiosk::scan::parse_payload("038187004512|187004512|Lê Thị Hoa|12071987|Nữ|Thanh Hóa|12072021"));
    auto const* qr = payload.as<kiosk::scan::CitizenIdQr>();
    CHECK_TRUE(qr != nullptr);
    auto const key = KIOSK_MUST(AccessKey::from_id_qr(*qr));
    CHECK_EQUAL(std::string("004512"), key.can());
}

TEST(AccessKey, PasswordsAndWipe)
{
    auto key = KIOSK_MUST(AccessKey::from_mrz("L898902C<", "690806", "940623"));
    CHECK_EQUAL(20U, key.pace_password_mrz().size());
    key.wipe();
    CHECK_FALSE(key.has_mrz());
    CHECK_TRUE(key.document_number().empty());
    auto const can = KIOSK_MUST(AccessKey::from_can("123456"));
    CHECK_TRUE(can.pace_password_can() == kiosk::Bytes({ '1', '2', '3', '4', '5', '6' }));
}
