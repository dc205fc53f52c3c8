// SPDX-License-Identifier: MIT
// kiosk-gateway and `kiosk-bench status` as an operator and a technician run them.
#include "gateway_process.hpp"

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <id/emul/test_pki.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::test::GatewayProcess;
using kiosk::test::ProcessResult;
using nlohmann::json;

namespace {

json parse_json(ProcessResult const& result)
{
    auto value = json::parse(result.out, nullptr, false);
    if (value.is_discarded() || !value.is_object())
        FAIL(("stdout is not one JSON object: " + result.out + "\nstderr: " + result.err).c_str());
    return value;
}

ProcessResult bench(std::vector<std::string> args)
{
    args.insert(args.begin(), kiosk::test::program_path("kiosk-bench"));
    return kiosk::test::run_process(args);
}

ProcessResult gateway_cli(std::vector<std::string> args)
{
    args.insert(args.begin(), kiosk::test::program_path("kiosk-gateway"));
    return kiosk::test::run_process(args);
}

} // namespace

TEST_GROUP(StatusCli)
{
    kiosk::test::TempDir dir;
    std::unique_ptr<GatewayProcess> gateway;

    void setup() override
    {
        gateway = std::make_unique<GatewayProcess>(std::vector<std::string> { "--listen", "127.0.0.1:0", "--db",
            (dir.path() / "gateway.db").string(), "--demo", "--today", "2026-12-01" });
    }
};

TEST(StatusCli, status_get_prints_state_due_and_timeline_as_json)
{
    auto result = bench({ "status", "get", "H40.50-DEMO-0002", "--gateway", gateway->url(), "--json" });
    LONGS_EQUAL(0, result.exit_code);
    auto body = parse_json(result);
    CHECK_TRUE(body["ok"].get<bool>());
    STRCMP_EQUAL("live", body["source"].get<std::string>().c_str());
    auto const& dossier = body["dossier"];
    STRCMP_EQUAL("H40.50-DEMO-0002", dossier["code"].get<std::string>().c_str());
    STRCMP_EQUAL("in_progress", dossier["state"].get<std::string>().c_str());
    CHECK_TRUE(dossier["due"].is_string());
    CHECK_TRUE(dossier["received"].is_string());
    CHECK_TRUE(dossier["timeline"].is_array() && !dossier["timeline"].empty());
    CHECK_TRUE(dossier["next_step"]["kind"].is_string());
    CHECK_FALSE(dossier.contains("owner_id"));
}

TEST(StatusCli, status_get_human_output)
{
    auto result = bench({ "status", "get", "H40.50-DEMO-0003", "--gateway", gateway->url() });
    LONGS_EQUAL(0, result.exit_code);
    STRCMP_CONTAINS("state: supplement_requested", result.out.c_str());
    STRCMP_CONTAINS("due: - (paused", result.out.c_str());
    STRCMP_CONTAINS("next step: bring_documents", result.out.c_str());
    STRCMP_CONTAINS("timeline:", result.out.c_str());
}

TEST(StatusCli, unknown_code_exits_1_with_not_found)
{
    auto result = bench({ "status", "get", "H40.50-NONE-0001", "--gateway", gateway->url(), "--json" });
    LONGS_EQUAL(1, result.exit_code);
    auto body = parse_json(result);
    CHECK_FALSE(body["ok"].get<bool>());
    STRCMP_EQUAL("not_found", body["error"]["code"].get<std::string>().c_str());
}

TEST(StatusCli, malformed_code_exits_2)
{
    auto result = bench({ "status", "get", "a b", "--gateway", gateway->url(), "--json" });
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_EQUAL("invalid_argument", parse_json(result)["error"]["code"].get<std::string>().c_str());
}

TEST(StatusCli, cache_answers_when_the_gateway_is_gone)
{
    auto cache = (dir.path() / "cache.db").string();
    auto first = bench({ "status", "get", "H40.50-DEMO-0004", "--gateway", gateway->url(), "--cache", cache, "--json" });
    LONGS_EQUAL(0, first.exit_code);
    auto url = gateway->url();
    LONGS_EQUAL(0, gateway->stop());
    auto second = bench({ "status", "get", "H40.50-DEMO-0004", "--gateway", url, "--cache", cache, "--json" });
    LONGS_EQUAL(0, second.exit_code);
    auto body = parse_json(second);
    STRCMP_EQUAL("cache", body["source"].get<std::string>().c_str());
    STRCMP_EQUAL(parse_json(first)["as_of"].get<std::string>().c_str(), body["as_of"].get<std::string>().c_str());
    STRCMP_EQUAL("disconnected", body["live_error"]["code"].get<std::string>().c_str());
    auto uncached = bench({ "status", "get", "H40.50-DEMO-0005", "--gateway", url, "--cache", cache, "--json" });
    LONGS_EQUAL(1, uncached.exit_code);
}

TEST(StatusCli, status_ping)
{
    auto result = bench({ "status", "ping", "--gateway", gateway->url(), "--json" });
    LONGS_EQUAL(0, result.exit_code);
    LONGS_EQUAL(330, parse_json(result)["dossiers"].get<long>());
}

TEST(StatusCli, default_gateway_comes_from_the_board)
{
    auto board = dir.write("board.toml",
        "[board]\nname = \"t\"\n[display]\nwidth = 800\nheight = 480\ndpi = 96\n[services]\ngateway_url = \""
            + gateway->url() + "\"\n");
    auto result = bench({ "--board", board.string(), "status", "ping", "--json" });
    LONGS_EQUAL(0, result.exit_code);
}

TEST_GROUP(GatewayCli)
{
    kiosk::test::TempDir dir;
};

TEST(GatewayCli, plain_http_off_loopback_is_refused)
{
    auto result = gateway_cli({ "--listen", "0.0.0.0:0", "--db", (dir.path() / "g.db").string() });
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_CONTAINS("plain HTTP only on loopback", result.err.c_str());
    CHECK_TRUE(result.out.empty());
}

TEST(GatewayCli, half_tls_options_are_refused)
{
    auto result = gateway_cli({ "--listen", "127.0.0.1:0", "--db", (dir.path() / "g.db").string(), "--tls-cert", "x" });
    LONGS_EQUAL(2, result.exit_code);
}

TEST(GatewayCli, import_reports_bad_rows_and_keeps_good_ones)
{
    auto csv = dir.write("export.csv",
        "MaHoSo;SoBienNhan;MaTTHC;ChuHoSo;MaDoiTuong;NgayTiepNhan;NgayHenTra;TrangThaiHoSo;DonViXuLy\n"
        "H29.01-250115-0001;BN1;1.001193;Lê Thị Hoa;038187004512;15/01/2025;22/01/2025;4;UBND phường A\n"
        "H29.01-250115-0002;BN2;1.001193;X;;32/01/2025;;4;UBND phường A\n"
        "H29.01-250115-0003;BN3;1.000894;Y;;15/01/2025;;Đã trả kết quả;UBND phường A\n");
    auto db = (dir.path() / "g.db").string();
    auto result = gateway_cli({ "--db", db, "--import", csv.string() });
    LONGS_EQUAL(0, result.exit_code);
    STRCMP_CONTAINS("imported 2 dossiers", result.err.c_str());
    STRCMP_CONTAINS("1 bad rows skipped", result.err.c_str());
    STRCMP_CONTAINS("row 3: NgayTiepNhan: not a date", result.err.c_str());
    CHECK_TRUE(result.err.find("038187004512") == std::string::npos); // no personal data in the report

    GatewayProcess served({ "--listen", "127.0.0.1:0", "--db", db });
    auto found = bench({ "status", "get", "H29.01-250115-0003", "--gateway", served.url(), "--json" });
    LONGS_EQUAL(0, found.exit_code);
    STRCMP_EQUAL("returned", parse_json(found)["dossier"]["state"].get<std::string>().c_str());
    auto bad = bench({ "status", "get", "H29.01-250115-0002", "--gateway", served.url(), "--json" });
    LONGS_EQUAL(1, bad.exit_code);
}

TEST(GatewayCli, unusable_export_exits_2)
{
    auto csv = dir.write("export.csv", "Code,State\nA,1\n");
    auto result = gateway_cli({ "--db", (dir.path() / "g.db").string(), "--import", csv.string() });
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_CONTAINS("header lacks required column(s)", result.err.c_str());
}

TEST_GROUP(StatusCitizenCli)
{
    kiosk::test::TempDir dir;
    std::unique_ptr<GatewayProcess> gateway;

    void setup() override
    {
        // The card emulator signs with the deterministic test PKI: its CSCA is the gateway's anchor.
        auto pki = KIOSK_MUST(kiosk::id::TestPki::create());
        KIOSK_MUST(pki.write_trust_store(dir.path() / "csca"));
        gateway = std::make_unique<GatewayProcess>(std::vector<std::string> { "--listen", "127.0.0.1:0", "--db",
            (dir.path() / "gateway.db").string(), "--demo", "--csca", (dir.path() / "csca").string() });
    }
};

TEST(StatusCitizenCli, reads_the_card_and_lists_the_citizens_dossiers)
{
    auto result = bench({ "--board", kiosk::test::source_path("boards/sim/board.toml"), "status", "citizen", "--reader", "pn532_emul:persona:hoa", "--id", "038187004512",
        "--gateway", gateway->url(), "--json" });
    LONGS_EQUAL(0, result.exit_code);
    auto body = parse_json(result);
    LONGS_EQUAL(3, static_cast<long>(body["dossiers"].size()));
    STRCMP_CONTAINS("H40.50-CD01-", body["dossiers"][0]["code"].get<std::string>().c_str());
    CHECK_TRUE(result.err.find("038187004512") == std::string::npos);
}

TEST(StatusCitizenCli, tampered_card_is_refused_by_the_gateway)
{
    auto result = bench({ "--board", kiosk::test::source_path("boards/sim/board.toml"), "status", "citizen", "--reader", "pn532_emul:persona:tampered", "--id", "048195112233",
        "--gateway", gateway->url(), "--json" });
    LONGS_EQUAL(1, result.exit_code);
    STRCMP_EQUAL("refused", parse_json(result)["error"]["code"].get<std::string>().c_str());
}

TEST(StatusCitizenCli, needs_exactly_one_key)
{
    auto result = bench({ "--board", kiosk::test::source_path("boards/sim/board.toml"), "status", "citizen", "--gateway", gateway->url(), "--json" });
    LONGS_EQUAL(2, result.exit_code);
}
