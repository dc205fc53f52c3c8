// SPDX-License-Identifier: MIT
// `kiosk-bench scan decode` on images made by qrencode and zint, and `kiosk-bench scan watch`
// reading a serial scanner module played through a socat pty pair.
#include "integration/scanner/socat_pty_pair.hpp"
#include "scan/code_images.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

namespace {

kiosk::test::ProcessResult bench(std::vector<std::string> args)
{
    args.insert(args.begin(), kiosk::test::program_path("kiosk-bench"));
    return kiosk::test::run_process(args);
}

} // namespace

TEST_GROUP(ScanCli)
{
    kiosk::test::TempDir m_dir;
};

TEST(ScanCli, decode_prints_text_format_kind_and_time_per_file)
{
    auto const qr = m_dir.path() / "receipt.png";
    auto const bar = m_dir.path() / "bar.png";
    CHECK_TRUE(kiosk::test::write_code_image(qr, "000.00.15.H56-250701-0001", kiosk::hal::CodeFormat::qr_code, 4));
    CHECK_TRUE(kiosk::test::write_code_image(bar, "H56-250701-0001", kiosk::hal::CodeFormat::code_128, 2));
    auto result = bench({ "--json", "scan", "decode", qr.string(), bar.string() });
    CHECK_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    auto body = nlohmann::json::parse(result.out);
    CHECK_TRUE(body["ok"].get<bool>());
    CHECK_EQUAL(2U, body["files"].size());
    auto const& first = body["files"][0];
    STRCMP_EQUAL(qr.string().c_str(), first["file"].get<std::string>().c_str());
    STRCMP_EQUAL("000.00.15.H56-250701-0001", first["codes"][0]["text"].get<std::string>().c_str());
    STRCMP_EQUAL("qr_code", first["codes"][0]["format"].get<std::string>().c_str());
    STRCMP_EQUAL("dossier_code", first["codes"][0]["kind"].get<std::string>().c_str());
    CHECK_TRUE(first["decode_ms"].get<double>() >= 0.0);
    STRCMP_EQUAL("code_128", body["files"][1]["codes"][0]["format"].get<std::string>().c_str());
}

TEST(ScanCli, decode_of_an_image_without_code_exits_1_and_of_a_non_image_exits_2)
{
    auto const blank = m_dir.path() / "blank.png";
    auto const made = kiosk::test::run_process({ "/usr/bin/convert", "-size", "320x240", "xc:gray80", blank.string() });
    CHECK_EQUAL(0, made.exit_code);
    auto none = bench({ "--json", "scan", "decode", blank.string() });
    CHECK_EQUAL(1, none.exit_code);
    auto body = nlohmann::json::parse(none.out);
    CHECK_FALSE(body["ok"].get<bool>());
    CHECK_EQUAL(0U, body["files"][0]["codes"].size());

    auto const text = m_dir.write("notes.png", "this is not an image");
    auto bad = bench({ "--json", "scan", "decode", text.string() });
    CHECK_EQUAL(2, bad.exit_code);
    auto error = nlohmann::json::parse(bad.out);
    STRCMP_EQUAL("unsupported", error["files"][0]["error"]["code"].get<std::string>().c_str());
}

TEST(ScanCli, watch_prints_json_lines_from_a_serial_scanner_and_drops_garbage)
{
    kiosk::test::SocatPtyPair pair(m_dir.path());
    auto const board = m_dir.write("board.toml",
        "[board]\nname = \"scan-test\"\n[display]\nwidth = 1080\nheight = 1920\nrotation = 0\ndpi = 102\n"
        "[code_scanner]\nconnection = \"serial:scanner@115200\"\n");
    // The pty keeps what the module sends until the driver opens its end.
    CHECK_TRUE(pair.write("]Q1000.00.15.H56-250701-0007\r\n\x01\x02\xff garbage\r\nhttps://dichvucong.gov.vn/x\r\n"));
    auto result = bench({ "--board", board.string(), "--json", "scan", "watch", "--seconds", "1" });
    CHECK_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    std::vector<nlohmann::json> lines;
    std::istringstream out(result.out);
    for (std::string line; std::getline(out, line);)
        lines.push_back(nlohmann::json::parse(line));
    CHECK_EQUAL(2U, lines.size());
    STRCMP_EQUAL("000.00.15.H56-250701-0007", lines[0]["text"].get<std::string>().c_str());
    STRCMP_EQUAL("qr_code", lines[0]["format"].get<std::string>().c_str());
    STRCMP_EQUAL("dossier_code", lines[0]["kind"].get<std::string>().c_str());
    CHECK_TRUE(lines[0]["at"].get<std::string>().size() >= 20U); // 2026-12-01T20:55:01.123Z
    STRCMP_EQUAL("url", lines[1]["kind"].get<std::string>().c_str());
}

TEST(ScanCli, watch_without_a_scanner_fails_clearly)
{
    auto const board = m_dir.write("board.toml",
        "[board]\nname = \"scan-test\"\n[display]\nwidth = 1080\nheight = 1920\nrotation = 0\ndpi = 102\n"
        "[code_scanner]\nconnection = \"serial:no-such-tty\"\n");
    auto result = bench({ "--board", board.string(), "--json", "scan", "watch", "--seconds", "1" });
    CHECK_EQUAL(1, result.exit_code);
    auto body = nlohmann::json::parse(result.out);
    STRCMP_EQUAL("not_found", body["error"]["code"].get<std::string>().c_str());
}
