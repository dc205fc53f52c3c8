// SPDX-License-Identifier: MIT
#include "status/dossier.hpp"

#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::status::agencies;
using kiosk::status::ALL_STATES;
using kiosk::status::Date;
using kiosk::status::Delivery;
using kiosk::status::Dossier;
using kiosk::status::DossierState;
using kiosk::status::Fee;
using kiosk::status::is_closed;
using kiosk::status::is_overdue;
using kiosk::status::is_valid_code;
using kiosk::status::masked_name;
using kiosk::status::next_step;
using kiosk::status::NextStepKind;
using kiosk::status::parse_iso_date;
using kiosk::status::pauses;
using kiosk::status::state_from_name;
using kiosk::status::state_name;
using kiosk::status::StepKind;
using kiosk::status::TimelineStep;

namespace {

Date day(char const* iso) { return *parse_iso_date(iso); }

Dossier dossier(DossierState state)
{
    Dossier d;
    d.code = "H40.99-250115-0001";
    d.procedure_code = "1.001193";
    d.state = state;
    d.received = day("2025-01-15");
    d.due = day("2025-02-05");
    d.receiving_agency = "UBND phường Bến Thành";
    d.handling_agency = "UBND phường Bến Thành";
    return d;
}

} // namespace

TEST_GROUP(Dossier) {};

TEST(Dossier, state_names_round_trip)
{
    for (auto state : ALL_STATES)
        CHECK_TRUE(state_from_name(state_name(state)) == state);
    CHECK_FALSE(state_from_name("lost").has_value());
    STRCMP_EQUAL("supplement_requested", std::string(state_name(DossierState::supplement_requested)).c_str());
}

TEST(Dossier, closed_states)
{
    CHECK_FALSE(is_closed(DossierState::received));
    CHECK_FALSE(is_closed(DossierState::in_progress));
    CHECK_FALSE(is_closed(DossierState::supplement_requested));
    CHECK_FALSE(is_closed(DossierState::result_ready));
    CHECK_TRUE(is_closed(DossierState::returned));
    CHECK_TRUE(is_closed(DossierState::rejected));
    CHECK_TRUE(is_closed(DossierState::withdrawn));
}

TEST(Dossier, overdue_only_while_the_agency_still_works_on_it)
{
    Date late = day("2025-02-06");
    CHECK_FALSE(is_overdue(dossier(DossierState::in_progress), day("2025-02-05"))); // due day itself
    CHECK_TRUE(is_overdue(dossier(DossierState::in_progress), late));
    CHECK_TRUE(is_overdue(dossier(DossierState::received), late));
    CHECK_FALSE(is_overdue(dossier(DossierState::supplement_requested), late)); // clock paused
    CHECK_FALSE(is_overdue(dossier(DossierState::result_ready), late));
    CHECK_FALSE(is_overdue(dossier(DossierState::returned), late));
    CHECK_FALSE(is_overdue(dossier(DossierState::rejected), late));
    CHECK_FALSE(is_overdue(dossier(DossierState::withdrawn), late));
    auto no_due = dossier(DossierState::in_progress);
    no_due.due.reset();
    CHECK_FALSE(is_overdue(no_due, late));
}

TEST(Dossier, next_step_for_every_state)
{
    CHECK_TRUE(next_step(dossier(DossierState::received)).kind == NextStepKind::wait);
    CHECK_TRUE(next_step(dossier(DossierState::in_progress)).kind == NextStepKind::wait);
    CHECK_TRUE(next_step(dossier(DossierState::supplement_requested)).kind == NextStepKind::bring_documents);
    CHECK_TRUE(next_step(dossier(DossierState::result_ready)).kind == NextStepKind::collect_result);
    CHECK_TRUE(next_step(dossier(DossierState::returned)).kind == NextStepKind::none);
    CHECK_TRUE(next_step(dossier(DossierState::rejected)).kind == NextStepKind::none);
    CHECK_TRUE(next_step(dossier(DossierState::withdrawn)).kind == NextStepKind::none);
    STRCMP_EQUAL("status.next.bring_documents",
        std::string(next_step(dossier(DossierState::supplement_requested)).message_key).c_str());
}

TEST(Dossier, unpaid_fee_comes_before_the_result)
{
    auto ready = dossier(DossierState::result_ready);
    ready.fee = Fee { 50000, false };
    CHECK_TRUE(next_step(ready).kind == NextStepKind::pay_fee);
    ready.fee->paid = true;
    CHECK_TRUE(next_step(ready).kind == NextStepKind::collect_result);
    ready.delivery = Delivery::post;
    CHECK_TRUE(next_step(ready).kind == NextStepKind::result_by_post);
    auto working = dossier(DossierState::in_progress);
    working.fee = Fee { 0, false }; // free procedure
    CHECK_TRUE(next_step(working).kind == NextStepKind::wait);
}

TEST(Dossier, pauses_from_the_timeline)
{
    auto d = dossier(DossierState::in_progress);
    d.timeline = { TimelineStep { day("2025-01-15"), StepKind::received, "A", "" },
        TimelineStep { day("2025-01-21"), StepKind::supplement_requested, "B", "" },
        TimelineStep { day("2025-02-04"), StepKind::supplement_received, "A", "" },
        TimelineStep { day("2025-02-06"), StepKind::supplement_requested, "B", "" } };
    auto found = pauses(d);
    LONGS_EQUAL(2, static_cast<long>(found.size()));
    CHECK_TRUE(found[0].from == day("2025-01-21"));
    CHECK_TRUE(found[0].to == day("2025-02-04"));
    CHECK_FALSE(found[1].to.has_value());
}

TEST(Dossier, one_code_tracked_across_agencies)
{
    auto d = dossier(DossierState::in_progress);
    d.receiving_agency = "Trung tâm PVHCC phường Sài Gòn";
    d.handling_agency = "Sở Tư pháp TP.HCM";
    d.timeline = { TimelineStep { day("2025-07-02"), StepKind::received, "Trung tâm PVHCC phường Sài Gòn", "" },
        TimelineStep { day("2025-07-03"), StepKind::transferred, "Sở Xây dựng TP.HCM", "" },
        TimelineStep { day("2025-07-08"), StepKind::transferred, "Sở Tư pháp TP.HCM", "" } };
    auto path = agencies(d);
    LONGS_EQUAL(3, static_cast<long>(path.size()));
    STRCMP_EQUAL("Trung tâm PVHCC phường Sài Gòn", path[0].c_str());
    STRCMP_EQUAL("Sở Tư pháp TP.HCM", path[2].c_str());
}

TEST(Dossier, masked_name_keeps_initials_only)
{
    STRCMP_EQUAL("L** T** H**", masked_name("Lê Thị Hoa").c_str());
    STRCMP_EQUAL("Đ** Đ** A**", masked_name("  ĐỖ  ĐỨC ANH ").c_str());
    STRCMP_EQUAL("", masked_name("").c_str());
}

TEST(Dossier, code_shape)
{
    CHECK_TRUE(is_valid_code("H40.99-250115-0001"));
    CHECK_FALSE(is_valid_code("abc"));
    CHECK_FALSE(is_valid_code("H40/99"));
    CHECK_FALSE(is_valid_code("H40 99 1"));
    CHECK_FALSE(is_valid_code(std::string(41, 'A')));
}
