// SPDX-License-Identifier: MIT
// kiosk-bench as a technician runs it: the real program, its stdout, stderr and exit code.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::test::ProcessResult;
using nlohmann::json;

namespace {

std::string const HEADER = "[board]\nname = \"t\"\n[display]\nwidth = 800\nheight = 480\ndpi = 96\n";

json parse_json(ProcessResult const& result)
{
    // Exactly one JSON object on stdout.
    auto value = json::parse(result.out, nullptr, false);
    if (value.is_discarded() || !value.is_object())
        FAIL(("stdout is not one JSON object: " + result.out).c_str());
    return value;
}

} // namespace

TEST_GROUP(KioskBench)
{
    kiosk::test::TempDir dir;
    std::string sim_board = kiosk::test::source_path("boards/sim/board.toml");

    ProcessResult bench(std::vector<std::string> args) const
    {
        args.insert(args.begin(), kiosk::test::program_path("kiosk-bench"));
        return kiosk::test::run_process(args, { "KIOSK_OUT=" + dir.path().string() });
    }
};

TEST(KioskBench, board_check_reports_every_role_of_the_sim_board)
{
    auto result = bench({ "board", "check", sim_board, "--json" });
    LONGS_EQUAL(0, result.exit_code);
    auto body = parse_json(result);
    CHECK_TRUE(body["ok"].get<bool>());
    STRCMP_EQUAL("sim", body["board"].get<std::string>().c_str());
    LONGS_EQUAL(6, static_cast<long>(body["roles"].size()));
    // The sim board prints through the ESC/POS driver and its emulator (issue 3).
    STRCMP_EQUAL("escpos:emul:", body["roles"]["printer"].get<std::string>().c_str());
}

TEST(KioskBench, board_check_names_file_line_and_key_of_a_broken_file)
{
    auto file = dir.write("board.toml", HEADER + "[printer]\nconnection = \"sim:\"\nhead_dots = \"wide\"\n");
    auto result = bench({ "--json", "board", "check", file.string() });
    LONGS_EQUAL(2, result.exit_code);
    auto body = parse_json(result);
    CHECK_FALSE(body["ok"].get<bool>());
    STRCMP_EQUAL("invalid_argument", body["error"]["code"].get<std::string>().c_str());
    std::string expected = file.string() + ":9: printer.head_dots: expected an integer (dots), got a string";
    STRCMP_EQUAL(expected.c_str(), body["error"]["message"].get<std::string>().c_str());
    STRCMP_CONTAINS(expected.c_str(), result.err.c_str());
}

TEST(KioskBench, unknown_driver_lists_known_drivers)
{
    auto file = dir.write("board.toml", HEADER + "[card_reader]\nconnection = \"pcsc:ACS\"\n");
    auto result = bench({ "board", "check", file.string() });
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_EQUAL("", result.out.c_str());
    STRCMP_CONTAINS("unknown driver 'pcsc' for card_reader; known drivers: sim", result.err.c_str());
}

TEST(KioskBench, missing_board_file_is_an_input_error)
{
    auto result = bench({ "--board", (dir.path() / "nope.toml").string(), "devices", "--json" });
    LONGS_EQUAL(2, result.exit_code);
    auto body = parse_json(result);
    STRCMP_EQUAL("not_found", body["error"]["code"].get<std::string>().c_str());
}

TEST(KioskBench, selftest_on_the_sim_board_reports_every_role)
{
    // Global options after the subcommand work too.
    auto result = bench({ "selftest", "--board", sim_board, "--json" });
    LONGS_EQUAL(0, result.exit_code);
    auto body = parse_json(result);
    CHECK_TRUE(body["ok"].get<bool>());
    auto const& devices = body["devices"];
    LONGS_EQUAL(6, static_cast<long>(devices.size()));
    std::vector<std::string> roles;
    for (auto const& device : devices) {
        STRCMP_EQUAL("ok", device["result"].get<std::string>().c_str());
        CHECK_TRUE(device.contains("test_ms"));
        roles.push_back(device["role"].get<std::string>());
    }
    std::vector<std::string> expected { "card_reader", "code_scanner", "camera", "printer", "boot_control", "speaker" };
    CHECK_TRUE(roles == expected);
    CHECK_TRUE(body["unfilled"].empty());
}

TEST(KioskBench, selftest_fails_with_exit_1_and_names_the_failed_role)
{
    dir.write("blocker", "a file where the printer's folder should be");
    auto file = dir.write("board.toml",
        HEADER + "[card_reader]\nconnection = \"sim:\"\n[printer]\nconnection = \"sim:blocker/paper\"\n");
    auto result = bench({ "--board", file.string(), "--json", "selftest" });
    LONGS_EQUAL(1, result.exit_code);
    auto body = parse_json(result);
    CHECK_FALSE(body["ok"].get<bool>());
    bool saw_printer = false;
    for (auto const& device : body["devices"]) {
        if (device["role"] == "printer") {
            saw_printer = true;
            STRCMP_EQUAL("failed", device["result"].get<std::string>().c_str());
            CHECK_TRUE(device["error"].contains("code"));
        } else {
            STRCMP_EQUAL("ok", device["result"].get<std::string>().c_str());
        }
    }
    CHECK_TRUE(saw_printer);
    LONGS_EQUAL(4, static_cast<long>(body["unfilled"].size()));
}

TEST(KioskBench, devices_lists_driver_connection_and_probe)
{
    auto result = bench({ "--board", sim_board, "devices", "--json" });
    LONGS_EQUAL(0, result.exit_code);
    auto body = parse_json(result);
    auto const& first = body["devices"][0];
    STRCMP_EQUAL("card_reader", first["role"].get<std::string>().c_str());
    // The sim board reads cards through libnfc and the PN532 emulator (issue 6).
    STRCMP_EQUAL("libnfc", first["driver"].get<std::string>().c_str());
    STRCMP_EQUAL("pn532_emul:", first["connection"].get<std::string>().c_str());
    STRCMP_EQUAL("ok", first["probe"].get<std::string>().c_str());
}

TEST(KioskBench, human_output_goes_to_stdout_and_says_the_outcome)
{
    auto result = bench({ "--board", sim_board, "selftest" });
    LONGS_EQUAL(0, result.exit_code);
    STRCMP_CONTAINS("printer", result.out.c_str());
    STRCMP_CONTAINS("all devices answered", result.out.c_str());
}

TEST(KioskBench, usage_error_exits_2_with_json_when_asked)
{
    auto result = bench({ "--json", "frobnicate" });
    LONGS_EQUAL(2, result.exit_code);
    auto body = parse_json(result);
    CHECK_FALSE(body["ok"].get<bool>());
    STRCMP_EQUAL("invalid_argument", body["error"]["code"].get<std::string>().c_str());

    result = bench({});
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_CONTAINS("kiosk-bench", result.err.c_str());
}

TEST(KioskBench, scan_parse_gives_what_the_chip_reader_needs_from_an_id_card_qr)
{
    auto result = bench({ "scan", "parse", "079087004512|187004512|Nguyễn Văn An|12071987|Nam|Số 1 Đường ABC|01012021",
        "--json" });
    LONGS_EQUAL(0, result.exit_code);
    auto body = parse_json(result);
    STRCMP_EQUAL("citizen_id_qr", body["kind"].get<std::string>().c_str());
    STRCMP_EQUAL("004512", body["can"].get<std::string>().c_str());
    STRCMP_EQUAL("087004512", body["document_number"].get<std::string>().c_str());
    STRCMP_EQUAL("1987-07-12", body["birth_date"].get<std::string>().c_str());
    // Personal data goes to stdout only: nothing of it on stderr, where logs go.
    CHECK_TRUE(result.err.find("079087004512") == std::string::npos);
    CHECK_TRUE(result.err.find("Nguy") == std::string::npos);
}

TEST(KioskBench, scan_parse_finds_the_dossier_code_inside_a_receipt_url)
{
    auto result
        = bench({ "--json", "scan", "parse", "https://dichvucong.gov.vn/p/tra-cuu.html?maHoSo=000.00.15.H56-250701-0001" });
    LONGS_EQUAL(0, result.exit_code);
    auto body = parse_json(result);
    STRCMP_EQUAL("dossier_code", body["kind"].get<std::string>().c_str());
    STRCMP_EQUAL("000.00.15.H56-250701-0001", body["code"].get<std::string>().c_str());
}

TEST(KioskBench, scan_parse_reports_unknown_text_and_rejects_unreadable_text)
{
    auto result = bench({ "--json", "scan", "parse", "xin chào" });
    LONGS_EQUAL(0, result.exit_code);
    STRCMP_EQUAL("unknown", parse_json(result)["kind"].get<std::string>().c_str());

    result = bench({ "--json", "scan", "parse", "abc\x01" });
    LONGS_EQUAL(2, result.exit_code);
    auto body = parse_json(result);
    CHECK_FALSE(body["ok"].get<bool>());
    STRCMP_EQUAL("malformed", body["error"]["code"].get<std::string>().c_str());
}
