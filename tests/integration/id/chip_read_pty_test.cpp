// SPDX-License-Identifier: MIT
// The chip protocol end to end through the real NFC stack: ChipReader -> LibnfcCardReader ->
// libnfc's pn532_uart driver -> pseudo terminal -> Pn532UartEmul -> EmrtdCardEmul, for every
// persona, then passive authentication of what was read. Cross-checks with independent
// readers: Debian's mrtdreader (BAC over libnfc) reads DG1 and DG2 from the emulated card,
// and `kiosk-bench nfc read` runs the whole chain from the command line.
#include "id/chip_reader.hpp"
#include "id/dg1.hpp"
#include "id/dg13.hpp"
#include "id/emul/card_files.hpp"
#include "id/emul/persona_card.hpp"
#include "id/emul/test_pki.hpp"
#include "id/passive_auth.hpp"
#include "id/persona.hpp"

#include <nfc/libnfc_card_reader.hpp>
#include <nfc/pn532_uart_emul.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using namespace std::chrono_literals;
using kiosk::Errc;
using kiosk::drivers::LibnfcCardReader;
using kiosk::drivers::Pn532UartEmul;
using namespace kiosk::id;

namespace {

std::string yymmdd(std::string_view iso)
{
    return std::string(iso.substr(2, 2)) + std::string(iso.substr(5, 2)) + std::string(iso.substr(8, 2));
}

struct Chain {
    std::unique_ptr<Pn532UartEmul> emul;
    std::unique_ptr<LibnfcCardReader> reader;

    explicit Chain(std::unique_ptr<EmrtdCardEmul> card)
    {
        emul = KIOSK_MUST(Pn532UartEmul::open());
        emul->place(std::move(card));
        reader = KIOSK_MUST(LibnfcCardReader::open(emul->connection_string()));
    }

    kiosk::Result<ChipSession> read(AccessKey const& key, ReadOptions const& options = {}) const
    {
        auto const card = KIOSK_MUST(reader->wait_for_card(5s));
        CHECK_TRUE(card.has_value());
        ChipReader chip(*reader);
        return chip.read(*card, key, options);
    }
};

PassiveAuthReport verify(ChipSession const& session, TestPki const& pki)
{
    TrustStore trust;
    KIOSK_MUST(trust.add_der(pki.csca_der()));
    std::vector<DataGroupFile> groups;
    for (auto const& [file, bytes] : session.files()) {
        int const number = static_cast<int>(file);
        if (number >= 1 && number <= 16)
            groups.push_back({ number, bytes });
    }
    return passive_authenticate(*session.file(LdsFile::sod), groups, trust);
}

} // namespace

TEST_GROUP(ChipReadPty) {};

TEST(ChipReadPty, EveryPersonaThroughLibnfc)
{
    auto const pki = KIOSK_MUST(TestPki::create());
    for (auto const& persona : personas()) {
        Chain chain(KIOSK_MUST(make_persona_card(persona, pki, { .lifted_for = 50ms })));
        auto const key = KIOSK_MUST(AccessKey::from_id_number(persona.id_number));
        auto session = chain.read(key);
        switch (persona.fault) {
        case CardFault::wrong_key:
            CHECK_TRUE(session.error().code() == Errc::refused);
            continue;
        case CardFault::garbage:
            CHECK_TRUE(session.error().code() == Errc::malformed);
            continue;
        default:
            break;
        }
        CHECK_TRUE(session.has_value());
        if (!session)
            continue;
        CHECK_TRUE(session->protocol == AccessProtocol::pace);
        CHECK_EQUAL(persona.fault == CardFault::lifted ? 1U : 0U, session->resumes);
        auto const dg13 = KIOSK_MUST(parse_dg13(*session->file(LdsFile::dg13)));
        CHECK_EQUAL(std::string(persona.id_number), dg13.id_number);
        auto const mrz = KIOSK_MUST(parse_dg1(*session->file(LdsFile::dg1)));
        CHECK_EQUAL(std::string(persona.birth_date), mrz.birth_date);
        auto const report = verify(*session, pki);
        CHECK_TRUE((report.hashes == Check::ok) == (persona.fault != CardFault::tampered_dg));
        CHECK_TRUE((report.signature == Check::ok) == (persona.fault != CardFault::bad_signature));
        CHECK_TRUE(report.chain == (persona.fault == CardFault::untrusted_csca ? Check::untrusted : Check::ok));
    }
}

TEST(ChipReadPty, BacWithDg2AndShortApdus)
{
    auto const pki = KIOSK_MUST(TestPki::create());
    Persona const& hoa = *find_persona("hoa");
    Chain chain(KIOSK_MUST(make_persona_card(hoa, pki, { .pace = false, .extended_length = false })));
    auto const key = KIOSK_MUST(AccessKey::from_mrz(hoa.id_number.substr(3), yymmdd(hoa.birth_date), yymmdd(hoa.expiry_date)));
    ReadOptions options;
    options.data_groups = { 1, 2, 13 };
    auto session = chain.read(key, options);
    CHECK_TRUE(session.has_value());
    CHECK_TRUE(session->protocol == AccessProtocol::bac);
    CHECK_TRUE(session->file(LdsFile::dg2) != nullptr);
    CHECK_TRUE(verify(*session, pki).verified());
}

TEST(ChipReadPty, CardLiftedByHandAndPutBack)
{
    // The test lifts the card between two reads of the same chain: the second read re-selects
    // and re-authenticates (a new power-up, a new UID).
    auto const pki = KIOSK_MUST(TestPki::create());
    Persona const& minh = *find_persona("minh");
    Chain chain(KIOSK_MUST(make_persona_card(minh, pki)));
    auto const key = KIOSK_MUST(AccessKey::from_id_number(minh.id_number));
    CHECK_TRUE(chain.read(key).has_value());
    chain.reader->release();
    chain.emul->lift();
    auto const gone = KIOSK_MUST(chain.reader->wait_for_card(100ms));
    CHECK_FALSE(gone.has_value());
    chain.emul->place(KIOSK_MUST(make_persona_card(minh, pki)));
    CHECK_TRUE(chain.read(key).has_value());
}

TEST(ChipReadPty, MrtdreaderReadsDg1AndDg2OverBac)
{
    if (!std::filesystem::exists("/usr/bin/mrtdreader"))
        FAIL("mrtdreader is not installed (scripts/install-deps.sh installs it)");
    auto const pki = KIOSK_MUST(TestPki::create());
    Persona const& hoa = *find_persona("hoa");
    auto emul = KIOSK_MUST(Pn532UartEmul::open());
    emul->place(KIOSK_MUST(make_persona_card(hoa, pki)));
    kiosk::test::TempDir dir;
    // mrtdreader writes image.jpg into its working directory: run it from the temp folder.
    auto const result = kiosk::test::run_process({ "/bin/sh", "-c",
        "cd '" + dir.path().string() + "' && exec /usr/bin/mrtdreader -p " + std::string(hoa.id_number.substr(3)) + " -b "
            + yymmdd(hoa.birth_date) + " -e " + yymmdd(hoa.expiry_date) },
        { "LIBNFC_DEFAULT_DEVICE=" + emul->connection_string() });
    CHECK_EQUAL(0, result.exit_code);
    CHECK_TRUE(result.out.find("Challenge successful") != std::string::npos);
    auto const files = KIOSK_MUST(build_card_files(hoa, pki));
    std::string first_line = files.mrz.substr(0, files.mrz.find('\n'));
    CHECK_TRUE(result.out.find(first_line) != std::string::npos);
    CHECK_TRUE(result.out.find("Saving image to image.jpg") != std::string::npos);
    std::ifstream image(dir.path() / "image.jpg", std::ios::binary);
    std::string const bytes((std::istreambuf_iterator<char>(image)), std::istreambuf_iterator<char>());
    CHECK_TRUE(bytes.size() > 100);
    CHECK_TRUE(bytes.substr(0, 2) == "\xFF\xD8");
}

TEST(ChipReadPty, KioskBenchNfcRead)
{
    auto const pki = KIOSK_MUST(TestPki::create());
    kiosk::test::TempDir dir;
    KIOSK_MUST(pki.write_trust_store(dir.path()));
    // The sim board file, wherever the test runs from (its reader is overridden).
    std::string const board = kiosk::test::source_path("boards/sim/board.toml");
    auto const result = kiosk::test::run_process({ kiosk::test::program_path("kiosk-bench"), "--board", board, "nfc", "read", "--reader",
        "pn532_emul:persona:hoa", "--id", "038187004512", "--csca", dir.path().string(), "--json" });
    CHECK_EQUAL(0, result.exit_code);
    auto const json = nlohmann::json::parse(result.out);
    bool const ok = json["ok"].get<bool>();
    CHECK_TRUE(ok);
    CHECK_EQUAL(std::string("pace"), json["protocol"].get<std::string>());
    CHECK_EQUAL(std::string("LÊ THỊ HOA"), json["dg13"]["full_name"].get<std::string>());
    CHECK_EQUAL(std::string("1987-07-12"), json["dg1"]["birth_date"].get<std::string>());
    CHECK_EQUAL(std::string("ok"), json["passive_auth"]["hashes"].get<std::string>());
    CHECK_EQUAL(std::string("ok"), json["passive_auth"]["signature"].get<std::string>());
    CHECK_EQUAL(std::string("ok"), json["passive_auth"]["chain"].get<std::string>());
    // Personal data stays on stdout.
    CHECK_TRUE(result.err.find("HOA") == std::string::npos);

    auto const refused = kiosk::test::run_process({ kiosk::test::program_path("kiosk-bench"), "--board", board, "nfc", "read", "--reader",
        "pn532_emul:persona:wrong-key", "--id", "079090123456", "--json" });
    CHECK_EQUAL(1, refused.exit_code);
    auto const refusal = nlohmann::json::parse(refused.out);
    CHECK_EQUAL(std::string("refused"), refusal["error"]["code"].get<std::string>());

    auto const usage = kiosk::test::run_process(
        { kiosk::test::program_path("kiosk-bench"), "--board", board, "nfc", "read", "--can", "12345", "--json" });
    CHECK_EQUAL(2, usage.exit_code);
}
