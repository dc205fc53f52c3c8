// SPDX-License-Identifier: MIT
// kiosk-bench printer verbs as a technician runs them: JSON shapes and exit codes of
// shared/CLI.md, against the sim board's ESC/POS emulator, a plain file and a TCP peer.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

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

int pngs(std::filesystem::path const& folder)
{
    int count = 0;
    if (std::filesystem::is_directory(folder))
        for (auto const& entry : std::filesystem::directory_iterator(folder))
            count += entry.path().extension() == ".png" ? 1 : 0;
    return count;
}

} // namespace

TEST_GROUP(BenchPrinter)
{
    kiosk::test::TempDir dir;

    ProcessResult bench(std::vector<std::string> args) const
    {
        // The sim board, found wherever the test runs from.
        args.insert(args.begin(), { kiosk::test::program_path("kiosk-bench"), "--board",
                                      kiosk::test::source_path("boards/sim/board.toml") });
        return kiosk::test::run_process(args, { "KIOSK_OUT=" + dir.path().string() });
    }
};

TEST(BenchPrinter, status_of_the_sim_board_printer)
{
    auto const result = bench({ "--json", "printer", "status" });
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    auto const body = parse_json(result);
    CHECK_TRUE(body["ok"].get<bool>());
    CHECK_TRUE(body["status"]["online"].get<bool>());
    CHECK_FALSE(body["status"]["cover_open"].get<bool>());
    STRCMP_EQUAL("ok", body["status"]["paper"].get<std::string>().c_str());
    CHECK_TRUE(body["status"]["error"].is_null());
    LONGS_EQUAL(0, pngs(dir.path() / "receipts"));
}

TEST(BenchPrinter, test_page_lands_as_a_png_in_the_output_folder)
{
    auto const result = bench({ "printer", "test-page", "--json" });
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    auto const body = parse_json(result);
    CHECK_TRUE(body["ok"].get<bool>());
    CHECK_TRUE(body["bytes"].get<int>() > 1000);
    CHECK_FALSE(body["job"].get<std::string>().empty());
    LONGS_EQUAL(1, pngs(dir.path() / "receipts"));
    auto const zbar = kiosk::test::run_process({ "/usr/bin/zbarimg", "--quiet", "--raw", (dir.path() / "receipts" / "001.png").string() });
    STRCMP_EQUAL("https://dichvucong.gov.vn/kiosk/test-page\n", zbar.out.c_str());
}

TEST(BenchPrinter, print_a_json_document_to_a_file)
{
    auto const document = dir.write("slip.json", R"({"items": [{"text": "Xin chào"}, {"qr": "abc"}], "cut": "partial"})");
    auto const out = dir.path() / "job.bin";
    auto const result = bench({ "--json", "printer", "print", document.string(), "--printer", "file:" + out.string() });
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    auto const body = parse_json(result);
    LONGS_EQUAL(static_cast<long>(std::filesystem::file_size(out)), body["bytes"].get<long>());
}

TEST(BenchPrinter, malformed_json_is_a_usage_error_naming_the_place)
{
    auto const document = dir.write("bad.json", R"({"items": [{"text": "a", "scale": 7}]})");
    auto const result = bench({ "--json", "printer", "print", document.string() });
    LONGS_EQUAL(2, result.exit_code);
    auto const body = parse_json(result);
    CHECK_FALSE(body["ok"].get<bool>());
    STRCMP_EQUAL("invalid_argument", body["error"]["code"].get<std::string>().c_str());
    STRCMP_CONTAINS("items[0].scale", body["error"]["message"].get<std::string>().c_str());
    LONGS_EQUAL(0, pngs(dir.path() / "receipts"));
}

TEST(BenchPrinter, a_missing_file_is_a_usage_error)
{
    auto const result = bench({ "--json", "printer", "print", (dir.path() / "nope.json").string() });
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_EQUAL("not_found", parse_json(result)["error"]["code"].get<std::string>().c_str());
}

TEST(BenchPrinter, an_unreachable_network_printer_fails_with_its_reason)
{
    auto const result = bench({ "--json", "printer", "status", "--printer", "tcp:127.0.0.1:1" });
    LONGS_EQUAL(1, result.exit_code);
    STRCMP_EQUAL("refused", parse_json(result)["error"]["code"].get<std::string>().c_str());
}

TEST(BenchPrinter, an_unknown_scheme_lists_the_known_ones)
{
    auto const result = bench({ "--json", "printer", "status", "--printer", "lpt:1" });
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_CONTAINS("usb", parse_json(result)["error"]["message"].get<std::string>().c_str());
}

TEST(BenchPrinter, the_sim_role_model_still_works)
{
    auto const result = bench({ "--json", "printer", "test-page", "--printer", "sim:" + (dir.path() / "pbm").string() });
    LONGS_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    CHECK_TRUE(std::filesystem::exists(dir.path() / "pbm" / "001.pbm"));
}
