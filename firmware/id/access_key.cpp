// SPDX-License-Identifier: MIT
#include "id/access_key.hpp"

#include "id/crypto.hpp"
#include "id/dg1.hpp"
#include "id/tlv.hpp"
#include "scan/payload.hpp"

#include <algorithm>
#include <array>

namespace kiosk::id {

namespace {

bool all_digits(std::string_view text) noexcept
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool mrz_characters(std::string_view text) noexcept
{
    return std::all_of(text.begin(), text.end(),
        [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<'; });
}

bool valid_yymmdd(std::string_view date) noexcept
{
    if (date.size() != 6 || !all_digits(date))
        return false;
    int const month = (date[2] - '0') * 10 + (date[3] - '0');
    int const day = (date[4] - '0') * 10 + (date[5] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// The fields reaching here were checked for MRZ characters, so the digit is never '\0'.
char check_char(std::string_view field) { return mrz_check_digit(field); }

bool check_ok(std::string_view field, char digit) noexcept
{
    char const expected = mrz_check_digit(field);
    return expected != '\0' && digit == expected;
}

} // namespace

AccessKey::~AccessKey() { wipe(); }

void AccessKey::wipe() noexcept
{
    crypto::wipe(m_can);
    crypto::wipe(m_document_number);
    crypto::wipe(m_birth);
    crypto::wipe(m_expiry);
}

Result<AccessKey> AccessKey::from_can(std::string_view can)
{
    if (can.size() != 6 || !all_digits(can))
        return fail(Errc::invalid_argument, "a CAN is 6 digits");
    AccessKey key;
    key.m_can = can;
    return key;
}

Result<AccessKey> AccessKey::from_id_number(std::string_view id_number)
{
    if (id_number.size() != 12 || !all_digits(id_number))
        return fail(Errc::invalid_argument, "an ID number is 12 digits");
    AccessKey key;
    key.m_can = id_number.substr(6);
    key.m_document_number = id_number.substr(3);
    return key;
}

Result<AccessKey> AccessKey::from_mrz(
    std::string_view document_number, std::string_view birth_yymmdd, std::string_view expiry_yymmdd)
{
    if (document_number.size() == 12 && all_digits(document_number))
        document_number = document_number.substr(3);
    if (document_number.empty() || document_number.size() > 22 || !mrz_characters(document_number))
        return fail(Errc::invalid_argument, "document number must be [0-9A-Z<], up to 9 characters");
    if (!valid_yymmdd(birth_yymmdd))
        return fail(Errc::invalid_argument, "birth date must be YYMMDD");
    if (!valid_yymmdd(expiry_yymmdd))
        return fail(Errc::invalid_argument, "expiry date must be YYMMDD");
    AccessKey key;
    key.m_document_number = document_number;
    // A document number shorter than 9 is padded with filler, as on the MRZ.
    while (key.m_document_number.size() < 9)
        key.m_document_number.push_back('<');
    key.m_birth = birth_yymmdd;
    key.m_expiry = expiry_yymmdd;
    return key;
}

Result<AccessKey> AccessKey::from_mrz_argument(std::string_view text)
{
    auto const first = text.find(',');
    auto const second = first == std::string_view::npos ? first : text.find(',', first + 1);
    if (second == std::string_view::npos || text.find(',', second + 1) != std::string_view::npos)
        return fail(Errc::invalid_argument, "--mrz takes DOCNO,BIRTH_YYMMDD,EXPIRY_YYMMDD");
    return from_mrz(text.substr(0, first), text.substr(first + 1, second - first - 1), text.substr(second + 1));
}

Result<AccessKey> AccessKey::from_mrz_text(std::string_view mrz)
{
    std::string flat;
    for (char const c : mrz) {
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
            continue;
        flat.push_back(c);
    }
    struct Wiper {
        std::string& text;
        ~Wiper() { crypto::wipe(text); }
    } const wiper { flat };
    if (!mrz_characters(flat))
        return fail(Errc::invalid_argument, "MRZ holds characters other than 0-9, A-Z and <");
    if (flat.size() == 90) { // TD1
        std::string_view const line1 = std::string_view(flat).substr(0, 30);
        std::string_view const line2 = std::string_view(flat).substr(30, 30);
        std::string_view docno = line1.substr(5, 9);
        if (!check_ok(docno, line1[14]))
            return fail(Errc::invalid_argument, "MRZ document number check digit is wrong");
        if (!check_ok(line2.substr(0, 6), line2[6]))
            return fail(Errc::invalid_argument, "MRZ birth date check digit is wrong");
        if (!check_ok(line2.substr(8, 6), line2[14]))
            return fail(Errc::invalid_argument, "MRZ expiry date check digit is wrong");
        auto key = KIOSK_TRY(from_mrz(docno, line2.substr(0, 6), line2.substr(8, 6)));
        // Vietnamese cards carry the 12-digit ID number at the start of the optional data.
        std::string_view const optional = line1.substr(15, 15);
        if (all_digits(optional.substr(0, 12)))
            key.m_can = optional.substr(6, 6);
        return key;
    }
    if (flat.size() == 88) { // TD3
        std::string_view const line2 = std::string_view(flat).substr(44, 44);
        if (!check_ok(line2.substr(0, 9), line2[9]))
            return fail(Errc::invalid_argument, "MRZ document number check digit is wrong");
        if (!check_ok(line2.substr(13, 6), line2[19]))
            return fail(Errc::invalid_argument, "MRZ birth date check digit is wrong");
        if (!check_ok(line2.substr(21, 6), line2[27]))
            return fail(Errc::invalid_argument, "MRZ expiry date check digit is wrong");
        return from_mrz(line2.substr(0, 9), line2.substr(13, 6), line2.substr(21, 6));
    }
    return fail(Errc::invalid_argument, "MRZ must be 3 lines of 30 (TD1) or 2 lines of 44 (TD3)");
}

Result<AccessKey> AccessKey::from_id_qr(scan::CitizenIdQr const& qr) { return from_id_number(qr.id_number); }

std::string AccessKey::mrz_information() const
{
    if (!has_mrz())
        return {};
    std::string out = m_document_number;
    out.push_back(check_char(m_document_number));
    out += m_birth;
    out.push_back(check_char(m_birth));
    out += m_expiry;
    out.push_back(check_char(m_expiry));
    return out;
}

Bytes AccessKey::bac_key_seed() const
{
    std::string info = mrz_information();
    Bytes seed = crypto::sha1(as_bytes(info));
    crypto::wipe(info);
    seed.resize(16);
    return seed;
}

Bytes AccessKey::pace_password_mrz() const
{
    std::string info = mrz_information();
    Bytes password = crypto::sha1(as_bytes(info));
    crypto::wipe(info);
    return password;
}

Bytes AccessKey::pace_password_can() const { return Bytes(m_can.begin(), m_can.end()); }

} // namespace kiosk::id
