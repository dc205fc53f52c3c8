// SPDX-License-Identifier: MIT
#include "scan/payload.hpp"

#include <cstddef>
#include <string>
#include <utility>

#include <CppUTest/TestHarness.h>

using kiosk::scan::CitizenIdQr;
using kiosk::scan::Date;
using kiosk::scan::DossierCode;
using kiosk::scan::Payload;
using kiosk::scan::payload_kind_name;
using kiosk::scan::PayloadKind;
using kiosk::scan::Url;

namespace {

CitizenIdQr sample_card()
{
    CitizenIdQr qr;
    qr.id_number = "079187004512";
    qr.old_id_number = "187004512";
    qr.full_name = "Nguyễn Văn An";
    qr.birth_date = Date::make(1987, 7, 12);
    qr.sex = "Nam";
    qr.address = "Số 1 Đường ABC, Phường X, TP Y, a long address that does not fit in a small string";
    qr.issue_date = Date::make(2021, 1, 1);
    qr.problems.emplace_back("sex_mismatch");
    return qr;
}

bool all_zero(char const* bytes, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i) {
        if (bytes[i] != '\0')
            return false;
    }
    return true;
}

} // namespace

TEST_GROUP(Date) {};

TEST(Date, accepts_real_days_only)
{
    CHECK_TRUE(Date::make(1987, 7, 12).has_value());
    CHECK_TRUE(Date::make(2000, 2, 29).has_value()); // divisible by 400: leap
    CHECK_TRUE(Date::make(2024, 2, 29).has_value());
    CHECK_FALSE(Date::make(2023, 2, 29).has_value());
    CHECK_FALSE(Date::make(1900, 2, 29).has_value()); // divisible by 100: common
    CHECK_FALSE(Date::make(1987, 2, 31).has_value());
    CHECK_FALSE(Date::make(1987, 4, 31).has_value());
    CHECK_FALSE(Date::make(1987, 13, 1).has_value());
    CHECK_FALSE(Date::make(1987, 0, 1).has_value());
    CHECK_FALSE(Date::make(1987, 1, 0).has_value());
    CHECK_FALSE(Date::make(1899, 12, 31).has_value());
    CHECK_FALSE(Date::make(2100, 1, 1).has_value());
    CHECK_FALSE(Date {}.valid());
}

TEST(Date, formats_as_iso_8601)
{
    STRCMP_EQUAL("1987-07-12", Date::make(1987, 7, 12)->iso().c_str());
    STRCMP_EQUAL("2021-01-01", Date::make(2021, 1, 1)->iso().c_str());
}

TEST_GROUP(Payload) {};

TEST(Payload, kind_names_match_the_json_names)
{
    STRCMP_EQUAL("dossier_code", std::string(payload_kind_name(PayloadKind::dossier_code)).c_str());
    STRCMP_EQUAL("citizen_id_qr", std::string(payload_kind_name(PayloadKind::citizen_id_qr)).c_str());
    STRCMP_EQUAL("url", std::string(payload_kind_name(PayloadKind::url)).c_str());
    STRCMP_EQUAL("unknown", std::string(payload_kind_name(PayloadKind::unknown)).c_str());
}

TEST(Payload, as_gives_the_held_alternative_only)
{
    Payload payload { PayloadKind::dossier_code, DossierCode { "H26.22-250701-000123" } };
    CHECK_TRUE(payload.as<DossierCode>() != nullptr);
    STRCMP_EQUAL("H26.22-250701-000123", payload.as<DossierCode>()->code.c_str());
    CHECK_TRUE(payload.as<Url>() == nullptr);
    CHECK_TRUE(payload.as<CitizenIdQr>() == nullptr);
}

TEST_GROUP(CitizenIdQr) {};

TEST(CitizenIdQr, can_and_document_number_are_the_last_digits_of_the_id)
{
    auto const qr = sample_card();
    STRCMP_EQUAL("004512", qr.can().c_str());
    STRCMP_EQUAL("187004512", qr.document_number().c_str());
}

TEST(CitizenIdQr, wipe_zeroes_and_clears_every_field)
{
    auto qr = sample_card();
    char const* address = qr.address.data();
    std::size_t const address_bytes = qr.address.size();
    char const* name = qr.full_name.data();
    std::size_t const name_bytes = qr.full_name.size();

    qr.wipe();

    CHECK_TRUE(qr.id_number.empty());
    CHECK_TRUE(qr.old_id_number.empty());
    CHECK_TRUE(qr.full_name.empty());
    CHECK_TRUE(qr.sex.empty());
    CHECK_TRUE(qr.address.empty());
    CHECK_FALSE(qr.birth_date.has_value());
    CHECK_FALSE(qr.issue_date.has_value());
    CHECK_TRUE(qr.problems.empty());
    // clear() keeps the buffers: what was in them must now be zeros, not the old text.
    POINTERS_EQUAL(address, qr.address.data());
    CHECK_TRUE(all_zero(address, address_bytes));
    POINTERS_EQUAL(name, qr.full_name.data());
    CHECK_TRUE(all_zero(name, name_bytes));
}

TEST(CitizenIdQr, wipe_also_zeroes_bytes_beyond_the_current_contents)
{
    CitizenIdQr qr;
    qr.full_name = "Trần Thị Bích Ngọc, a name long enough to be on the heap";
    qr.full_name = "Lê B";
    char const* buffer = qr.full_name.data();
    std::size_t const capacity = qr.full_name.capacity();

    qr.wipe();

    POINTERS_EQUAL(buffer, qr.full_name.data());
    CHECK_TRUE(all_zero(buffer, capacity));
}

TEST(CitizenIdQr, copies_and_moves_keep_the_data)
{
    auto original = sample_card();
    CitizenIdQr copy = original;
    STRCMP_EQUAL("079187004512", copy.id_number.c_str());
    CitizenIdQr moved = std::move(copy);
    STRCMP_EQUAL("Nguyễn Văn An", moved.full_name.c_str());
    CHECK_TRUE(moved.has_problem("sex_mismatch"));
    CHECK_FALSE(moved.has_problem("birth_date_invalid"));
}
