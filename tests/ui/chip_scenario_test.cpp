// SPDX-License-Identifier: MIT
// The chip-ID flow end to end: the real kiosk program, headless on the sim board (its card
// reader is libnfc's pn532_uart driver on an emulated PN532), the real kiosk-gateway on
// 127.0.0.1 with demo data, and the card emulator's test PKI as the trust store of both.
#include "gateway_process.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <id/emul/test_pki.hpp>
#include <id/persona.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::test::GatewayProcess;
using kiosk::test::program_path;
using kiosk::test::run_process;
using kiosk::test::source_path;
using kiosk::test::TempDir;

namespace {

std::string read_all(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_GROUP(ChipScenario)
{
    TempDir dir;
    std::unique_ptr<GatewayProcess> gateway;

    void setup() override
    {
        // The emulated cards are signed under the deterministic test PKI: its CSCA is the trust
        // anchor of the kiosk (passive authentication) and of the gateway (chip evidence).
        auto pki = KIOSK_MUST(kiosk::id::TestPki::create());
        KIOSK_MUST(pki.write_trust_store(dir.path() / "csca"));
        gateway = std::make_unique<GatewayProcess>(std::vector<std::string> { "--listen", "127.0.0.1:0", "--db",
            (dir.path() / "gateway.db").string(), "--demo", "--csca", (dir.path() / "csca").string() });
    }

    void teardown() override { gateway.reset(); }

    kiosk::test::ProcessResult kiosk(std::filesystem::path const& scenario, std::filesystem::path const& out) const
    {
        return run_process(
            { program_path("kiosk"), "--board", source_path("boards/sim/board.toml"), "--scenario", scenario.string(),
                "--out", out.string(), "--gateway", gateway->url(), "--csca", (dir.path() / "csca").string() });
    }
};

TEST(ChipScenario, NumberCardLiftedVerifiedDossiersDetailWrongNumberIdleWipe)
{
    auto const out = dir.path() / "out";
    auto result = kiosk(source_path("tests/ui/scenarios/chip.txt"), out);
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    CHECK(result.err.find("steps passed") != std::string::npos);
    for (auto const* name : { "chip-01-place-card", "chip-02-moved-away", "chip-03-verified", "chip-04-dossiers",
             "chip-05-detail", "chip-06-wrong-number", "chip-07-wiped" }) {
        auto const png = out / (std::string(name) + ".png");
        CHECK_TEXT(std::filesystem::exists(png), png.c_str());
    }
    // The persona's name, number and document number never reach the log or a file.
    kiosk::id::Persona const* hoa = kiosk::id::find_persona("hoa");
    CHECK(hoa != nullptr);
    std::string const id_number(hoa->id_number);
    std::string const full_name(hoa->full_name);
    for (std::string const& secret : { id_number, full_name, id_number.substr(3), std::string("LE THI HOA"),
             std::string("LE<<THI<HOA"), std::string("038187004521") }) {
        CHECK_TEXT(result.err.find(secret) == std::string::npos, secret.c_str());
        CHECK_TEXT(result.out.find(secret) == std::string::npos, secret.c_str());
        for (auto const& entry : std::filesystem::recursive_directory_iterator(out)) {
            if (!entry.is_regular_file())
                continue;
            CHECK_TEXT(read_all(entry.path()).find(secret) == std::string::npos, entry.path().c_str());
        }
    }
}

TEST(ChipScenario, UnknownPersonaNamesTheKnownOnes)
{
    auto const scenario = dir.write("card.txt",
        "tap \"Chạm vào đây để bắt đầu\"\ntap \"Dùng thẻ Căn cước gắn chip\"\ntype \"038187004512\"\ntap \"Tiếp tục\"\n"
        "card nobody\n");
    auto result = kiosk(scenario, dir.path() / "out");
    LONGS_EQUAL(1, result.exit_code);
    CHECK_TEXT(
        result.err.find(":5: card: no persona 'nobody' (known: hoa, minh") != std::string::npos, result.err.c_str());
}

TEST(ChipScenario, CardPlacedWhereNobodyReadsFailsInBoundedTime)
{
    // On the home screen no card is asked for: the step fails after its bound, naming why.
    auto const scenario = dir.write("card.txt", "tap \"Chạm vào đây để bắt đầu\"\ncard hoa\n");
    auto result = kiosk(scenario, dir.path() / "out");
    LONGS_EQUAL(1, result.exit_code);
    CHECK_TEXT(
        result.err.find(":2: card: the kiosk did not pick the card up") != std::string::npos, result.err.c_str());
}

TEST(ChipScenario, RemoveCardWithoutACardFails)
{
    auto const scenario = dir.write("remove.txt", "remove-card\n");
    auto result = kiosk(scenario, dir.path() / "out");
    LONGS_EQUAL(1, result.exit_code);
    CHECK_TEXT(
        result.err.find(":1: remove-card: there is no card on the reader") != std::string::npos, result.err.c_str());
}

TEST(ChipScenario, TamperedCardIsNotVerifiedAndOffersNoDossiers)
{
    kiosk::id::Persona const* tampered = kiosk::id::find_persona("tampered");
    CHECK(tampered != nullptr);
    auto const scenario = dir.write("tampered.txt",
        "tap \"Chạm vào đây để bắt đầu\"\ntap \"Dùng thẻ Căn cước gắn chip\"\ntype \""
            + std::string(tampered->id_number)
            + "\"\ntap \"Tiếp tục\"\ncard tampered\nwait-for \"Chưa xác thực được thẻ\" 20\n"
              "wait-for \"Dữ liệu trên chip đã bị thay đổi\"\ntap \"Xem hồ sơ của tôi\"\n");
    auto result = kiosk(scenario, dir.path() / "out");
    // Everything up to line 7 passed; line 8 finds no "my dossiers" to tap.
    LONGS_EQUAL(1, result.exit_code);
    CHECK_TEXT(result.err.find(":8: no tappable \"Xem hồ sơ của tôi\" on screen 'chip_verified'") != std::string::npos,
        result.err.c_str());
}
