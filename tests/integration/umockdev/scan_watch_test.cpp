// SPDX-License-Identifier: MIT
// `kiosk-bench scan watch` on a board with a keyboard-wedge scanner (`evdev:`), the whole
// program started by umockdev-run: the scanner's sysfs entry and node from
// devices/wedge-scanner-event7.umockdev (-d), its evdev ioctls replayed from the recorded
// devices/wedge-scanner.ioctl (-i: EVIOCGVERSION, EVIOCGNAME; umockdev answers EVIOCGRAB
// itself) and its key events from devices/scan-dossier-and-url.evemu (-e, --evemu-events).
// Without the emulation kiosk-bench cannot open the scanner and the test fails.
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <CppUTest/TestHarness.h>

namespace {

constexpr char const* BY_ID = "/dev/input/by-id/usb-Honeywell_Imaging_Barcode_Scanner_21100B2A11-event-kbd";

std::string device_file(char const* name)
{
    return kiosk::test::source_path(std::string("tests/integration/umockdev/devices/") + name);
}

} // namespace

TEST_GROUP(UmockdevScanWatch)
{
    kiosk::test::TempDir m_dir;
};

TEST(UmockdevScanWatch, codes_typed_by_an_evdev_scanner_come_out_as_json_lines)
{
    auto const board = m_dir.write("board.toml",
        "[board]\nname = \"umockdev-scan\"\n[display]\nwidth = 1080\nheight = 1920\nrotation = 0\ndpi = 102\n"
        "[code_scanner]\nconnection = \"evdev:"
            + std::string(BY_ID) + "\"\n");
    auto const result = kiosk::test::run_process({ KIOSK_UMOCKDEV_RUN, "-d", device_file("wedge-scanner-event7.umockdev"),
        "-i", std::string(BY_ID) + "=" + device_file("wedge-scanner.ioctl"), "-e",
        "/dev/input/event7=" + device_file("scan-dossier-and-url.evemu"), "--", kiosk::test::program_path("kiosk-bench"),
        "--board", board.string(), "--json", "scan", "watch", "--seconds", "1" });
    CHECK_EQUAL_TEXT(0, result.exit_code, result.err.c_str());
    std::vector<nlohmann::json> lines;
    std::istringstream out(result.out);
    for (std::string line; std::getline(out, line);)
        lines.push_back(nlohmann::json::parse(line));
    CHECK_EQUAL_TEXT(2U, lines.size(), result.out.c_str());
    STRCMP_EQUAL("000.00.15.H56-250701-0001", lines[0]["text"].get<std::string>().c_str());
    STRCMP_EQUAL("dossier_code", lines[0]["kind"].get<std::string>().c_str());
    STRCMP_EQUAL("https://dichvucong.gov.vn/tra-cuu?ma=000.00.15.H56-250701-0001&lang=vi",
        lines[1]["text"].get<std::string>().c_str());
    STRCMP_EQUAL("url", lines[1]["kind"].get<std::string>().c_str());
}
