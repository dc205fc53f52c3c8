// SPDX-License-Identifier: MIT
// Golden screenshots of the chip-ID flow's screens, built in process from a fixed persona's card
// files (hoa, signed by the test PKI, read back through the same code the card worker uses):
// "chip verified" with name and photo, a card that is not verified, and the citizen's dossier
// list, in vi and en, normal and large text, at 540x960 (as tests/ui/golden_test.cpp: 8-bit
// grey PNGs in tests/golden/ui/, prefix "chip-"). Regenerate with KIOSK_UPDATE_GOLDENS=1.
#include "golden_compare.hpp"
#include "ui_harness.hpp"

#include <id/emul/card_files.hpp>
#include <id/emul/test_pki.hpp>
#include <id/persona.hpp>
#include <status/gateway_client.hpp>
#include <ui/app/card_worker.hpp>
#include <ui/screens/screens.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::compare_or_update;
using kiosk::ui::test::UiHarness;

namespace {

/// What the worker would put in the session for @p persona's card (a fixed "today").
kiosk::ui::CitizenCard card_of(char const* persona)
{
    auto pki = KIOSK_MUST(kiosk::id::TestPki::create());
    auto files = KIOSK_MUST(kiosk::id::build_card_files(*kiosk::id::find_persona(persona), pki));
    kiosk::id::ChipSession session;
    session.set_file(kiosk::id::LdsFile::com, files.ef_com);
    session.set_file(kiosk::id::LdsFile::dg1, files.dg1);
    session.set_file(kiosk::id::LdsFile::dg2, files.dg2);
    session.set_file(kiosk::id::LdsFile::dg13, files.dg13);
    session.set_file(kiosk::id::LdsFile::sod, files.sod);
    kiosk::id::TrustStore trust;
    KIOSK_MUST(trust.add_pem(pki.csca_pem()));
    return KIOSK_MUST(kiosk::ui::citizen_card_from_chip(session, &trust, "2026-12-01"));
}

/// The three demo dossiers of the first persona, as the gateway's demo data has them (shape).
std::vector<kiosk::status::Dossier> demo_dossiers()
{
    std::vector<kiosk::status::Dossier> list(3);
    list[0].code = "H40.50-CD01-0001";
    list[0].procedure_name = "Đăng ký khai sinh";
    list[0].state = kiosk::status::DossierState::in_progress;
    list[1].code = "H40.50-CD01-0002";
    list[1].procedure_name = "Cấp giấy xác nhận tình trạng hôn nhân";
    list[1].state = kiosk::status::DossierState::result_ready;
    list[2].code = "H40.50-CD01-0003";
    list[2].procedure_code = "1.001193";
    list[2].state = kiosk::status::DossierState::supplement_requested;
    return list;
}

struct Route {
    char const* name;
    std::function<void(UiHarness&)> go;
};

std::vector<Route> routes()
{
    auto to_screen = [](UiHarness& h, std::unique_ptr<kiosk::ui::Screen> (*make)()) {
        h.tap(h.can_tap("Touch here to start") ? "Touch here to start" : "Chạm vào đây để bắt đầu");
        h.ui().navigate({ kiosk::ui::NavRequest::Kind::push, make });
        h.settle();
    };
    return {
        { "verified",
            [to_screen](UiHarness& h) {
                h.ui().session().chip.card = card_of("hoa");
                to_screen(h, &kiosk::ui::make_chip_verified_screen);
            } },
        { "not-verified",
            [to_screen](UiHarness& h) {
                h.ui().session().chip.card = card_of("tampered");
                to_screen(h, &kiosk::ui::make_chip_verified_screen);
            } },
        { "dossiers",
            [to_screen](UiHarness& h) {
                auto& chip = h.ui().session().chip;
                chip.card = card_of("hoa");
                chip.dossiers.loaded = true;
                chip.dossiers.list = demo_dossiers();
                to_screen(h, &kiosk::ui::make_citizen_dossiers_screen);
            } },
    };
}

void check(Route const& route, bool english, bool large)
{
    // A client that is never called (the list is in the session already): the screens only need
    // to know the kiosk has a gateway.
    kiosk::status::ClientOptions client;
    client.base_url = "http://127.0.0.1:9";
    auto gateway = kiosk::status::GatewayClient::create(client);
    CHECK(gateway.has_value());
    kiosk::ui::Services services;
    services.gateway = gateway->get();
    UiHarness h({ 540, 960, 0, 51 }, UiHarness::default_options(), services);
    if (english)
        h.tap("English");
    if (large)
        h.tap(english ? "Large text" : "Chữ to");
    route.go(h);
    auto const name
        = std::string("chip-") + route.name + "-" + (english ? "en" : "vi") + "-" + (large ? "large" : "normal");
    auto const problem = compare_or_update(h, name);
    CHECK_TEXT(problem.empty(), problem.c_str());
}

} // namespace

TEST_GROUP(ChipGolden) {};

TEST(ChipGolden, VerifiedNotVerifiedAndDossiersInVietnameseAndEnglish)
{
    for (auto const& route : routes())
        for (bool const english : { false, true })
            check(route, english, false);
}

TEST(ChipGolden, VerifiedAndDossiersInLargeText)
{
    for (auto const& route : routes())
        for (bool const english : { false, true })
            check(route, english, true);
}
