// SPDX-License-Identifier: MIT
#include "scan/payload_parser.hpp"

#include <string>
#include <string_view>

#include <CppUTest/TestHarness.h>

using kiosk::Errc;
using kiosk::scan::citizen_message_key;
using kiosk::scan::CitizenIdQr;
using kiosk::scan::DossierCode;
using kiosk::scan::MAX_PAYLOAD_BYTES;
using kiosk::scan::parse_payload;
using kiosk::scan::Payload;
using kiosk::scan::PayloadError;
using kiosk::scan::PayloadKind;
using kiosk::scan::Unknown;
using kiosk::scan::Url;
namespace reason = kiosk::scan::reason;

using namespace std::string_view_literals;

namespace {

std::string const CARD_7 = "079087004512|187004512|Nguyễn Văn An|12071987|Nam|Số 1 Đường ABC, Phường X, TP Y|01012021";
std::string const CARD_6 = "079087004512|Nguyễn Văn An|12071987|Nam|Số 1 Đường ABC, Phường X, TP Y|01012021";

Payload parse_ok(std::string_view raw)
{
    auto result = parse_payload(raw);
    if (!result.has_value())
        FAIL((std::string("expected a payload, got error ") + result.error().reason).c_str());
    return std::move(result).value();
}

PayloadError parse_error(std::string_view raw)
{
    auto result = parse_payload(raw);
    if (result.has_value())
        FAIL("expected an error, got a payload");
    return result.error();
}

CitizenIdQr card(std::string_view raw)
{
    auto payload = parse_ok(raw);
    CHECK_TRUE(payload.kind == PayloadKind::citizen_id_qr);
    auto const* qr = payload.as<CitizenIdQr>();
    CHECK_TRUE(qr != nullptr);
    return *qr;
}

std::string dossier(std::string_view raw)
{
    auto payload = parse_ok(raw);
    CHECK_TRUE(payload.kind == PayloadKind::dossier_code);
    CHECK_TRUE(payload.as<DossierCode>() != nullptr);
    return payload.as<DossierCode>()->code;
}

std::string unknown_reason(std::string_view raw)
{
    auto payload = parse_ok(raw);
    CHECK_TRUE(payload.kind == PayloadKind::unknown);
    CHECK_TRUE(payload.as<Unknown>() != nullptr);
    return payload.as<Unknown>()->reason_code;
}

} // namespace

TEST_GROUP(PayloadParser) {};

// --- citizen ID QR ----------------------------------------------------------------------------

TEST(PayloadParser, seven_field_card_gives_every_field)
{
    auto qr = card(CARD_7);
    STRCMP_EQUAL("079087004512", qr.id_number.c_str());
    STRCMP_EQUAL("187004512", qr.old_id_number.c_str());
    STRCMP_EQUAL("Nguyễn Văn An", qr.full_name.c_str());
    STRCMP_EQUAL("1987-07-12", qr.birth_date->iso().c_str());
    STRCMP_EQUAL("Nam", qr.sex.c_str());
    STRCMP_EQUAL("Số 1 Đường ABC, Phường X, TP Y", qr.address.c_str());
    STRCMP_EQUAL("2021-01-01", qr.issue_date->iso().c_str());
    STRCMP_EQUAL("004512", qr.can().c_str());
    STRCMP_EQUAL("087004512", qr.document_number().c_str());
    LONGS_EQUAL(0, static_cast<long>(qr.problems.size()));
}

TEST(PayloadParser, example_card_from_the_issue_parses_and_notes_the_sex_digit)
{
    // The 4th digit 1 means "female, born 1900-1999", while the card says Nam.
    auto qr = card("079187004512|187004512|Nguyễn Văn An|12071987|Nam|Số 1 Đường ABC, Phường X, TP Y|01012021");
    STRCMP_EQUAL("004512", qr.can().c_str());
    STRCMP_EQUAL("187004512", qr.document_number().c_str());
    STRCMP_EQUAL("1987-07-12", qr.birth_date->iso().c_str());
    LONGS_EQUAL(1, static_cast<long>(qr.problems.size()));
    CHECK_TRUE(qr.has_problem("sex_mismatch"));
}

TEST(PayloadParser, six_field_card_has_no_old_id)
{
    auto qr = card(CARD_6);
    STRCMP_EQUAL("079087004512", qr.id_number.c_str());
    CHECK_TRUE(qr.old_id_number.empty());
    STRCMP_EQUAL("Nguyễn Văn An", qr.full_name.c_str());
    STRCMP_EQUAL("1987-07-12", qr.birth_date->iso().c_str());
    STRCMP_EQUAL("Số 1 Đường ABC, Phường X, TP Y", qr.address.c_str());
    STRCMP_EQUAL("2021-01-01", qr.issue_date->iso().c_str());
    LONGS_EQUAL(0, static_cast<long>(qr.problems.size()));
}

TEST(PayloadParser, empty_old_id_is_accepted)
{
    auto qr = card("001302012345||Trần Thị Bình|05032002|Nữ|Thôn 3, Xã Z, Hà Nội|15062022");
    STRCMP_EQUAL("001302012345", qr.id_number.c_str());
    CHECK_TRUE(qr.old_id_number.empty());
    STRCMP_EQUAL("Trần Thị Bình", qr.full_name.c_str());
    STRCMP_EQUAL("2002-03-05", qr.birth_date->iso().c_str());
    STRCMP_EQUAL("Nữ", qr.sex.c_str());
    STRCMP_EQUAL("012345", qr.can().c_str());
    STRCMP_EQUAL("302012345", qr.document_number().c_str());
    LONGS_EQUAL(0, static_cast<long>(qr.problems.size()));
}

TEST(PayloadParser, slashed_and_dashed_dates_and_labels_parse)
{
    auto qr = card("Số CCCD: 079087004512|CMND: 187004512|Họ và tên: Nguyễn Văn An|Ngày sinh: 12/07/1987|"
                   "Giới tính: Nam|Nơi thường trú: Số 1 Đường ABC|Ngày cấp: 1-1-2021");
    STRCMP_EQUAL("079087004512", qr.id_number.c_str());
    STRCMP_EQUAL("187004512", qr.old_id_number.c_str());
    STRCMP_EQUAL("Nguyễn Văn An", qr.full_name.c_str());
    STRCMP_EQUAL("1987-07-12", qr.birth_date->iso().c_str());
    STRCMP_EQUAL("Nam", qr.sex.c_str());
    STRCMP_EQUAL("Số 1 Đường ABC", qr.address.c_str());
    STRCMP_EQUAL("2021-01-01", qr.issue_date->iso().c_str());
    LONGS_EQUAL(0, static_cast<long>(qr.problems.size()));
}

TEST(PayloadParser, sex_is_recognised_in_nfd_and_without_diacritics)
{
    // "Nữ" decomposed: u + combining horn + combining tilde.
    STRCMP_EQUAL("Nữ", card("001302012345||Trần Thị Bình|05032002|Nu\xcc\x9b\xcc\x83|Hà Nội|15062022").sex.c_str());
    STRCMP_EQUAL("Nữ", card("001302012345||Trần Thị Bình|05032002|Nu|Hà Nội|15062022").sex.c_str());
    STRCMP_EQUAL("Nữ", card("001302012345||Trần Thị Bình|05032002|NỮ|Hà Nội|15062022").sex.c_str());
    STRCMP_EQUAL("Nam", card("079187004512||Nguyễn Văn An|12071987|nam|Hà Nội|01012021").sex.c_str());
}

TEST(PayloadParser, impossible_birth_date_keeps_the_id_and_says_so)
{
    auto qr = card("079087004512|187004512|Nguyễn Văn An|31021987|Nam|Số 1 Đường ABC|01012021");
    STRCMP_EQUAL("079087004512", qr.id_number.c_str());
    STRCMP_EQUAL("004512", qr.can().c_str());
    CHECK_FALSE(qr.birth_date.has_value());
    CHECK_TRUE(qr.has_problem("birth_date_invalid"));
    STRCMP_EQUAL("Số 1 Đường ABC", qr.address.c_str());
    STRCMP_EQUAL("2021-01-01", qr.issue_date->iso().c_str());

    qr = card("079187004512|187004512|Nguyễn Văn An|12071987|Nam|Số 1 Đường ABC|32/13/2021");
    STRCMP_EQUAL("1987-07-12", qr.birth_date->iso().c_str());
    CHECK_FALSE(qr.issue_date.has_value());
    CHECK_TRUE(qr.has_problem("issue_date_invalid"));
}

TEST(PayloadParser, missing_and_unrecognised_fields_are_named)
{
    auto qr = card("079187004512|187004512");
    STRCMP_EQUAL("079187004512", qr.id_number.c_str());
    CHECK_TRUE(qr.has_problem("field_count_unexpected"));
    CHECK_TRUE(qr.has_problem("birth_date_missing"));
    CHECK_TRUE(qr.has_problem("full_name_missing"));
    CHECK_TRUE(qr.has_problem("sex_unrecognised"));

    qr = card("079187004512|1870045|Nguyễn Văn An|12071987|Nam|Số 1 Đường ABC|01012021");
    CHECK_TRUE(qr.old_id_number.empty());
    CHECK_TRUE(qr.has_problem("old_id_malformed"));
}

TEST(PayloadParser, birth_date_or_sex_contradicting_the_id_is_noted)
{
    // 4th digit 1 = female born in the 1900s; 5th-6th digits 87 = 1987.
    auto qr = card("079087004512||Nguyễn Văn An|12071988|Nam|Hà Nội|01012021");
    CHECK_TRUE(qr.has_problem("birth_date_mismatch"));
    CHECK_FALSE(qr.has_problem("sex_mismatch"));
    qr = card("079087004512||Nguyễn Thị An|12071987|Nữ|Hà Nội|01012021");
    CHECK_TRUE(qr.has_problem("sex_mismatch"));
    CHECK_FALSE(qr.has_problem("birth_date_mismatch"));
}

TEST(PayloadParser, id_of_eleven_or_thirteen_digits_is_a_malformed_id_qr)
{
    STRCMP_EQUAL(
        reason::ID_QR_MALFORMED, unknown_reason("07918700451|187004512|Nguyễn Văn An|12071987|Nam|X|01012021").c_str());
    STRCMP_EQUAL(reason::ID_QR_MALFORMED,
        unknown_reason("0791870045123|187004512|Nguyễn Văn An|12071987|Nam|X|01012021").c_str());
    STRCMP_EQUAL("scan.id_qr_unreadable", std::string(citizen_message_key(reason::ID_QR_MALFORMED)).c_str());
}

TEST(PayloadParser, pipes_without_a_numeric_id_are_not_an_id_qr)
{
    STRCMP_EQUAL(reason::UNRECOGNISED_TEXT, unknown_reason("Nguyễn Văn An|12071987|Nam").c_str());
}

TEST(PayloadParser, trailing_crlf_is_trimmed)
{
    auto qr = card(CARD_7 + "\r\n");
    STRCMP_EQUAL("2021-01-01", qr.issue_date->iso().c_str());
    STRCMP_EQUAL("000.00.15.H56-250701-0001", dossier("  000.00.15.H56-250701-0001\r\n").c_str());
    STRCMP_EQUAL("H26.22-250701-000123", dossier("\xef\xbb\xbfH26.22-250701-000123\n").c_str());
}

// --- dossier codes ----------------------------------------------------------------------------

TEST(PayloadParser, bare_dossier_codes)
{
    STRCMP_EQUAL("000.00.15.H56-250701-0001", dossier("000.00.15.H56-250701-0001").c_str());
    STRCMP_EQUAL("H26.22-250701-000123", dossier("H26.22-250701-000123").c_str());
    STRCMP_EQUAL("HS_2025/000123", dossier("HS_2025/000123").c_str());
    STRCMP_EQUAL("079187004512", dossier("079187004512").c_str()); // no '|': not an ID card
}

TEST(PayloadParser, dossier_code_limits)
{
    STRCMP_EQUAL(reason::UNRECOGNISED_TEXT, unknown_reason("H5-01").c_str()); // 5 characters
    STRCMP_EQUAL("H5-012", dossier("H5-012").c_str()); // 6
    STRCMP_EQUAL(reason::UNRECOGNISED_TEXT, unknown_reason("ABCDEF-GHIJ").c_str()); // no digit
    STRCMP_EQUAL(reason::UNRECOGNISED_TEXT, unknown_reason("H56 250701 0001").c_str()); // spaces
    STRCMP_EQUAL(std::string(64, '7').c_str(), dossier(std::string(64, '7')).c_str());
    STRCMP_EQUAL(reason::UNRECOGNISED_TEXT, unknown_reason(std::string(65, '7')).c_str());
}

TEST(PayloadParser, dossier_code_inside_a_portal_url)
{
    STRCMP_EQUAL("000.00.15.H56-250701-0001",
        dossier("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?maHoSo=000.00.15.H56-250701-0001").c_str());
    STRCMP_EQUAL("H26.22-250701-000123",
        dossier("http://motcua.example.gov.vn/tra-cuu?lang=vi&MA_HO_SO=H26.22-250701-000123#top").c_str());
    STRCMP_EQUAL("H26.22-250701-000123", dossier("https://dvc.example.vn/?mahs=H26.22-250701-000123").c_str());
    STRCMP_EQUAL("H26.22-250701-000123", dossier("https://dvc.example.vn/?soHoSo=H26.22-250701-000123").c_str());
    STRCMP_EQUAL("H26.22-250701-000123", dossier("HTTPS://DVC.EXAMPLE.VN/x?Code=H26.22-250701-000123").c_str());
    // single-page portals put the query in the fragment
    STRCMP_EQUAL(
        "H26.22-250701-000123", dossier("https://dvc.example.vn/#/tra-cuu?ma_ho_so=H26.22-250701-000123").c_str());
}

TEST(PayloadParser, dossier_code_in_url_is_percent_decoded)
{
    STRCMP_EQUAL("000.00.15.H56-250701-0001",
        dossier("https://dichvucong.gov.vn/tra-cuu?maHoSo=000.00.15.H56%2D250701%2d0001").c_str());
    STRCMP_EQUAL("HS/2025/0001", dossier("https://dvc.example.vn/?ma%48oSo=HS%2F2025%2F0001").c_str());
}

TEST(PayloadParser, bad_code_in_a_dossier_url_is_unknown)
{
    STRCMP_EQUAL(reason::DOSSIER_CODE_INVALID, unknown_reason("https://dvc.example.vn/?maHoSo=").c_str());
    STRCMP_EQUAL(reason::DOSSIER_CODE_INVALID, unknown_reason("https://dvc.example.vn/?maHoSo=%ZZ1234567").c_str());
    STRCMP_EQUAL(reason::DOSSIER_CODE_INVALID, unknown_reason("https://dvc.example.vn/?maHoSo=H56+2507+0001").c_str());
    STRCMP_EQUAL(reason::DOSSIER_CODE_INVALID, unknown_reason("https://dvc.example.vn/?maHoSo=%00%01abc123").c_str());
    STRCMP_EQUAL("scan.dossier_code_invalid", std::string(citizen_message_key(reason::DOSSIER_CODE_INVALID)).c_str());
}

// --- URLs -------------------------------------------------------------------------------------

TEST(PayloadParser, plain_urls_give_their_host)
{
    auto payload = parse_ok("https://User@DichVuCong.gov.vn:443/p/home.html?lang=vi#x");
    CHECK_TRUE(payload.kind == PayloadKind::url);
    STRCMP_EQUAL("https://User@DichVuCong.gov.vn:443/p/home.html?lang=vi#x", payload.as<Url>()->text.c_str());
    STRCMP_EQUAL("dichvucong.gov.vn", payload.as<Url>()->host.c_str());

    payload = parse_ok("http://[2001:db8::1]:8080\r\n");
    CHECK_TRUE(payload.kind == PayloadKind::url);
    STRCMP_EQUAL("[2001:db8::1]", payload.as<Url>()->host.c_str());

    payload = parse_ok("http://192.168.1.10");
    STRCMP_EQUAL("192.168.1.10", payload.as<Url>()->host.c_str());
}

TEST(PayloadParser, broken_urls_and_other_schemes_are_unknown)
{
    STRCMP_EQUAL(reason::URL_MALFORMED, unknown_reason("https://").c_str());
    STRCMP_EQUAL(reason::URL_MALFORMED, unknown_reason("https:dichvucong.gov.vn").c_str());
    STRCMP_EQUAL(reason::URL_MALFORMED, unknown_reason("https://dich vu cong.gov.vn/").c_str());
    STRCMP_EQUAL(reason::URL_MALFORMED, unknown_reason("https://example.vn:port/").c_str());
    STRCMP_EQUAL(reason::URL_UNSUPPORTED_SCHEME, unknown_reason("ftp://example.vn/file").c_str());
    STRCMP_EQUAL(reason::URL_UNSUPPORTED_SCHEME, unknown_reason("WIFI:S:kiosk;T:WPA;P:secret;;").c_str());
    STRCMP_EQUAL("scan.unknown_code", std::string(citizen_message_key(reason::URL_MALFORMED)).c_str());
}

// --- anything else ----------------------------------------------------------------------------

TEST(PayloadParser, vietnamese_free_text_is_unknown)
{
    STRCMP_EQUAL(reason::UNRECOGNISED_TEXT, unknown_reason("Xin chào, đây là mã QR của quán cà phê").c_str());
    STRCMP_EQUAL(reason::UNRECOGNISED_TEXT, unknown_reason("Tiếp nhận hồ sơ\tngày 01/07/2025\nSố: 12").c_str());
    STRCMP_EQUAL("scan.unknown_code", std::string(citizen_message_key(reason::UNRECOGNISED_TEXT)).c_str());
}

// --- text that is not acceptable as text ------------------------------------------------------

TEST(PayloadParser, empty_input_is_an_error)
{
    auto error = parse_error("");
    CHECK_TRUE(error.code == Errc::invalid_argument);
    STRCMP_EQUAL(reason::EMPTY, error.reason);
    error = parse_error(" \r\n\t");
    STRCMP_EQUAL(reason::EMPTY, error.reason);
    STRCMP_EQUAL("scan.try_again", std::string(citizen_message_key(error)).c_str());
}

TEST(PayloadParser, nul_and_control_bytes_are_errors)
{
    auto error = parse_error("H26.22-2507\0"
                             "01-000123"sv);
    CHECK_TRUE(error.code == Errc::malformed);
    STRCMP_EQUAL(reason::CONTROL_CHARACTER, error.reason);
    LONGS_EQUAL(11, static_cast<long>(error.offset));
    STRCMP_EQUAL(reason::CONTROL_CHARACTER, parse_error("079187004512|\x1b[2J|x").reason);
    STRCMP_EQUAL(reason::CONTROL_CHARACTER,
        parse_error("abc\x7f"
                    "123456")
            .reason);
    STRCMP_EQUAL(reason::CONTROL_CHARACTER,
        parse_error("abc\xc2\x85"
                    "123456")
            .reason); // C1 NEL
    STRCMP_EQUAL("scan.unreadable", std::string(citizen_message_key(reason::CONTROL_CHARACTER)).c_str());
}

TEST(PayloadParser, invalid_utf8_is_an_error)
{
    char const* const samples[] = {
        "\xc0\xaf"
        "123456", // overlong '/'
        "\xe0\x80\xaf"
        "123456", // overlong, 3 bytes
        "\xf0\x80\x80\xaf"
        "123456", // overlong, 4 bytes
        "\xed\xa0\x80"
        "123456", // UTF-16 surrogate U+D800
        "\xed\xbf\xbf"
        "123456", // UTF-16 surrogate U+DFFF
        "\xf4\x90\x80\x80"
        "123456", // above U+10FFFF
        "123456\xe1\xbb", // truncated at the end
        "Nguy\xe1\xbb"
        "n", // truncated inside
        "\x80"
        "123456", // stray continuation byte
        "\xff\xfe"
        "123456", // not UTF-8 at all
    };
    for (char const* sample : samples) {
        auto error = parse_error(sample);
        CHECK_TRUE(error.code == Errc::malformed);
        STRCMP_EQUAL(reason::INVALID_UTF8, error.reason);
    }
    LONGS_EQUAL(6, static_cast<long>(parse_error("123456\xe1\xbb").offset));
}

TEST(PayloadParser, longest_valid_code_points_pass)
{
    // U+10FFFF and U+FFFD are valid; in free text they make it unknown, not an error.
    STRCMP_EQUAL(reason::UNRECOGNISED_TEXT, unknown_reason("\xf4\x8f\xbf\xbf \xef\xbf\xbd").c_str());
}

TEST(PayloadParser, over_long_input_is_an_error)
{
    std::string text(MAX_PAYLOAD_BYTES, 'a');
    STRCMP_EQUAL(reason::UNRECOGNISED_TEXT, unknown_reason(text).c_str());
    text.push_back('a');
    auto error = parse_error(text);
    CHECK_TRUE(error.code == Errc::malformed);
    STRCMP_EQUAL(reason::TOO_LONG, error.reason);
}

TEST(PayloadParser, every_reason_has_a_message_key)
{
    STRCMP_EQUAL("scan.unreadable", std::string(citizen_message_key(reason::TOO_LONG)).c_str());
    STRCMP_EQUAL("scan.unreadable", std::string(citizen_message_key(reason::INVALID_UTF8)).c_str());
    STRCMP_EQUAL("scan.unknown_code", std::string(citizen_message_key(reason::URL_UNSUPPORTED_SCHEME)).c_str());
    STRCMP_EQUAL("scan.unknown_code", std::string(citizen_message_key("something_new")).c_str());
}
