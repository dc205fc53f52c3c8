// SPDX-License-Identifier: MIT
#include "status/dossier_json.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::status::Date;
using kiosk::status::Delivery;
using kiosk::status::Dossier;
using kiosk::status::dossier_from_json;
using kiosk::status::dossier_to_json;
using kiosk::status::DossierState;
using kiosk::status::Fee;
using kiosk::status::JsonView;
using kiosk::status::parse_iso_date;
using kiosk::status::StepKind;
using kiosk::status::TimelineStep;
using nlohmann::json;

namespace {

Date day(char const* iso) { return *parse_iso_date(iso); }

Dossier sample()
{
    Dossier d;
    d.code = "H40.99-250115-0001";
    d.receipt_number = "BN-0001";
    d.procedure_code = "1.001193";
    d.procedure_name = "Đăng ký khai sinh";
    d.state = DossierState::supplement_requested;
    d.received = day("2025-01-15");
    d.receiving_agency = "UBND phường A";
    d.handling_agency = "UBND phường A";
    d.delivery = Delivery::post;
    d.fee = Fee { 8000, false };
    d.documents_requested = { "Giấy chứng sinh (bản chính)" };
    d.timeline = { TimelineStep { day("2025-01-15"), StepKind::received, "UBND phường A", "" },
        TimelineStep { day("2025-01-21"), StepKind::supplement_requested, "UBND phường A", "thiếu giấy chứng sinh" } };
    d.owner_id = "038187004512";
    d.owner_name = "Lê Thị Hoa";
    return d;
}

std::string error_of(json const& value)
{
    auto parsed = dossier_from_json(value);
    if (parsed.has_value())
        FAIL("expected an error");
    return parsed.error();
}

} // namespace

TEST_GROUP(DossierJson) {};

TEST(DossierJson, public_view_round_trips_without_the_owner)
{
    auto body = dossier_to_json(sample(), day("2025-02-10"));
    CHECK_FALSE(body.contains("owner_id"));
    CHECK_FALSE(body.contains("owner_name"));
    STRCMP_EQUAL("L** T** H**", body["owner"].get<std::string>().c_str());
    CHECK_TRUE(body["due"].is_null());
    CHECK_TRUE(body["paused"].get<bool>());
    STRCMP_EQUAL("bring_documents", body["next_step"]["kind"].get<std::string>().c_str());
    LONGS_EQUAL(1, static_cast<long>(body["next_step"]["documents"].size()));

    auto back = dossier_from_json(json::parse(body.dump()));
    CHECK_TRUE(back.has_value());
    STRCMP_EQUAL("H40.99-250115-0001", back->code.c_str());
    CHECK_TRUE(back->state == DossierState::supplement_requested);
    CHECK_TRUE(back->delivery == Delivery::post);
    LONGS_EQUAL(8000, static_cast<long>(back->fee->amount_vnd));
    LONGS_EQUAL(2, static_cast<long>(back->timeline.size()));
    STRCMP_EQUAL("thiếu giấy chứng sinh", back->timeline[1].note.c_str());
    STRCMP_EQUAL("", back->owner_id.c_str());
}

TEST(DossierJson, store_view_keeps_the_owner)
{
    auto back = dossier_from_json(dossier_to_json(sample(), day("2025-02-10"), JsonView::store));
    STRCMP_EQUAL("038187004512", back->owner_id.c_str());
    STRCMP_EQUAL("Lê Thị Hoa", back->owner_name.c_str());
}

TEST(DossierJson, overdue_is_derived_from_today)
{
    auto d = sample();
    d.state = DossierState::in_progress;
    d.due = day("2025-02-05");
    CHECK_FALSE(dossier_to_json(d, day("2025-02-05"))["overdue"].get<bool>());
    CHECK_TRUE(dossier_to_json(d, day("2025-02-06"))["overdue"].get<bool>());
}

TEST(DossierJson, malformed_dossiers_name_the_field)
{
    auto good = dossier_to_json(sample(), day("2025-02-10"));
    STRCMP_EQUAL("expected a JSON object", error_of(json::array()).c_str());
    auto no_code = good;
    no_code.erase("code");
    STRCMP_EQUAL("field `code`: missing", error_of(no_code).c_str());
    auto bad_state = good;
    bad_state["state"] = "lost";
    STRCMP_EQUAL("field `state`: not a known state", error_of(bad_state).c_str());
    auto bad_date = good;
    bad_date["received"] = "15/01/2025";
    STRCMP_EQUAL("field `received`: expected a YYYY-MM-DD date", error_of(bad_date).c_str());
    auto bad_fee = good;
    bad_fee["fee"]["amount_vnd"] = "8000";
    STRCMP_EQUAL("field `fee.amount_vnd`: expected a whole number of dong", error_of(bad_fee).c_str());
    auto bad_step = good;
    bad_step["timeline"][0]["kind"] = 3;
    STRCMP_EQUAL("field `kind`: expected a string", error_of(bad_step).c_str());
    auto wrong_type = good;
    wrong_type["procedure"] = 1001193;
    STRCMP_EQUAL("field `procedure`: expected a string", error_of(wrong_type).c_str());
}
