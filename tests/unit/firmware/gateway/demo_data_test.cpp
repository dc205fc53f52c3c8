// SPDX-License-Identifier: MIT
#include "gateway/demo_data.hpp"

#include <id/persona.hpp>
#include <status/dossier_json.hpp>

#include <map>
#include <set>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::gateway::demo_dossiers;
using kiosk::status::DossierState;
using kiosk::status::HolidayCalendar;
using kiosk::status::parse_iso_date;

namespace {
[[maybe_unused]] HolidayCalendar const& BUILT_IN = HolidayCalendar::vietnam();
}

TEST_GROUP(DemoData) {};

TEST(DemoData, every_state_and_overdue_ones)
{
    auto today = *parse_iso_date("2026-12-01");
    auto dossiers = demo_dossiers(today, HolidayCalendar::vietnam());
    std::map<DossierState, int> per_state;
    int overdue = 0;
    std::set<std::string> codes;
    for (auto const& d : dossiers) {
        ++per_state[d.state];
        overdue += kiosk::status::is_overdue(d, today) ? 1 : 0;
        codes.insert(d.code);
        // Every generated dossier is valid for the API.
        CHECK_TRUE(kiosk::status::dossier_from_json(kiosk::status::dossier_to_json(d, today)).has_value());
        CHECK_TRUE(!d.due || *d.due >= d.received);
    }
    LONGS_EQUAL(dossiers.size(), codes.size());
    for (auto state : kiosk::status::ALL_STATES)
        CHECK_TRUE(per_state[state] >= 40);
    CHECK_TRUE(overdue >= 10);
}

TEST(DemoData, every_persona_has_dossiers)
{
    auto dossiers = demo_dossiers(*parse_iso_date("2026-12-01"), HolidayCalendar::vietnam());
    for (auto const& persona : kiosk::id::personas()) {
        int owned = 0;
        for (auto const& d : dossiers)
            owned += d.owner_id == persona.id_number ? 1 : 0;
        LONGS_EQUAL(3, owned);
    }
}

TEST(DemoData, same_day_same_data)
{
    auto today = *parse_iso_date("2026-12-01");
    auto a = demo_dossiers(today, HolidayCalendar::vietnam());
    auto b = demo_dossiers(today, HolidayCalendar::vietnam());
    LONGS_EQUAL(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        CHECK_TRUE(kiosk::status::dossier_to_json(a[i], today, kiosk::status::JsonView::store)
            == kiosk::status::dossier_to_json(b[i], today, kiosk::status::JsonView::store));
}
