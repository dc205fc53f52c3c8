// SPDX-License-Identifier: MIT
#include "runtime/board_file.hpp"
#include "runtime/driver_table.hpp"

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <CppUTest/TestHarness.h>

using kiosk::Errc;
using kiosk::runtime::BoardError;
using kiosk::runtime::parse_board_file;
using kiosk::runtime::parse_board_text;
namespace hal = kiosk::hal;

namespace {

std::string const MINIMAL = "[board]\n"
                            "name = \"test\"\n"
                            "[display]\n"
                            "width = 1080\n"
                            "height = 1920\n"
                            "dpi = 102\n";

BoardError parse_error(std::string const& text)
{
    auto result = parse_board_text(text, "/boards/test/board.toml");
    if (result.has_value())
        FAIL(("expected an error for:\n" + text).c_str());
    return result.error();
}

} // namespace

TEST_GROUP(BoardFile) {};

TEST(BoardFile, parses_the_sim_board_with_every_role)
{
    auto config = parse_board_file(kiosk::test::source_path("boards/sim/board.toml"));
    CHECK_TRUE(config.has_value());
    STRCMP_EQUAL("sim", config->name.c_str());
    LONGS_EQUAL(1080, config->display.width_px);
    LONGS_EQUAL(1920, config->display.height_px);
    LONGS_EQUAL(6, static_cast<long>(config->roles.size()));
    for (hal::Role role : hal::ALL_ROLES) {
        auto const* entry = config->role(role);
        CHECK_TRUE(entry != nullptr);
        // Each role names a driver this build has (the sim board moves from the role models
        // to emulators behind the real drivers as the device issues land).
        CHECK_TEXT(kiosk::runtime::find_driver(role, entry->scheme) != nullptr, entry->connection.c_str());
    }
    LONGS_EQUAL(576, config->role(hal::Role::printer)->printer.head_dots);
    LONGS_EQUAL(15, config->role(hal::Role::camera)->camera.fps);
}

TEST(BoardFile, resolves_paths_against_the_board_folder)
{
    auto config = parse_board_text(MINIMAL
            + "[services]\ncatalog_db = \"data/catalog.sqlite\"\ncsca_store = \"/etc/kiosk/csca\"\n"
              "gateway_url = \"https://gw.example:8443\"\n",
        "/opt/kiosk/boards/test/board.toml");
    CHECK_TRUE(config.has_value());
    STRCMP_EQUAL("/opt/kiosk/boards/test/data/catalog.sqlite", config->services.catalog_db.c_str());
    STRCMP_EQUAL("/etc/kiosk/csca", config->services.csca_store.c_str());
    STRCMP_EQUAL("https://gw.example:8443", config->services.gateway_url.c_str());
    CHECK_TRUE(config->services.gateway_ca.empty());
}

TEST(BoardFile, splits_connection_into_scheme_and_args)
{
    auto config = parse_board_text(MINIMAL + "[card_reader]\nconnection = \"libnfc:pn532_uart:/dev/ttyS0\"\n",
        "/b/board.toml");
    CHECK_TRUE(config.has_value());
    auto const* reader = config->role(hal::Role::card_reader);
    STRCMP_EQUAL("libnfc", reader->scheme.c_str());
    STRCMP_EQUAL("pn532_uart:/dev/ttyS0", reader->args.c_str());
    LONGS_EQUAL(8, reader->line);
}

TEST(BoardFile, missing_table_is_named)
{
    auto error = parse_error("[board]\nname = \"x\"\n");
    CHECK(error.code == Errc::invalid_argument);
    STRCMP_EQUAL("display", error.key.c_str());
    STRCMP_EQUAL("/boards/test/board.toml: display: missing table [display]", error.message().c_str());
}

TEST(BoardFile, missing_key_gives_file_line_key_and_expectation)
{
    auto error = parse_error("[board]\nname = \"x\"\n[display]\nwidth = 1080\ndpi = 100\n");
    STRCMP_EQUAL("display.height", error.key.c_str());
    LONGS_EQUAL(3, error.line);
    STRCMP_EQUAL("/boards/test/board.toml:3: display.height: missing; expected an integer (pixels)",
        error.message().c_str());
}

TEST(BoardFile, wrong_type_says_what_was_found)
{
    auto error = parse_error("[board]\nname = \"x\"\n[display]\nwidth = \"wide\"\nheight = 1920\ndpi = 100\n");
    STRCMP_EQUAL("display.width", error.key.c_str());
    LONGS_EQUAL(4, error.line);
    STRCMP_CONTAINS("expected an integer (pixels), got a string", error.what.c_str());
}

TEST(BoardFile, out_of_range_value_is_rejected)
{
    auto error = parse_error(MINIMAL + "rotation = 45\n");
    STRCMP_EQUAL("display.rotation", error.key.c_str());
    STRCMP_CONTAINS("expected 0, 90, 180 or 270", error.what.c_str());

    error = parse_error(MINIMAL + "[printer]\nconnection = \"sim:\"\nhead_dots = 100000\n");
    STRCMP_EQUAL("printer.head_dots", error.key.c_str());
    LONGS_EQUAL(9, error.line);
    STRCMP_CONTAINS("expected 128..1024 dots, got 100000", error.what.c_str());
}

TEST(BoardFile, unknown_key_lists_the_known_ones)
{
    auto error = parse_error(MINIMAL + "[printer]\nconection = \"sim:\"\n");
    STRCMP_EQUAL("printer.conection", error.key.c_str());
    LONGS_EQUAL(8, error.line);
    STRCMP_CONTAINS("unknown key; expected one of connection, head_dots", error.what.c_str());
}

TEST(BoardFile, unknown_table_is_rejected)
{
    auto error = parse_error(MINIMAL + "[fingerprint_reader]\nconnection = \"sim:\"\n");
    STRCMP_EQUAL("fingerprint_reader", error.key.c_str());
    STRCMP_CONTAINS("unknown table", error.what.c_str());
}

TEST(BoardFile, role_must_be_a_table_with_a_connection)
{
    auto error = parse_error("printer = \"usb\"\n" + MINIMAL);
    STRCMP_EQUAL("printer", error.key.c_str());
    STRCMP_CONTAINS("expected a table, got a string", error.what.c_str());

    error = parse_error(MINIMAL + "[speaker]\n");
    STRCMP_EQUAL("speaker.connection", error.key.c_str());
    STRCMP_CONTAINS("missing; expected a string", error.what.c_str());

    error = parse_error(MINIMAL + "[speaker]\nconnection = \":x\"\n");
    STRCMP_EQUAL("speaker.connection", error.key.c_str());
    STRCMP_CONTAINS("expected \"driver:args\"", error.what.c_str());
}

TEST(BoardFile, syntax_error_reports_the_line)
{
    auto error = parse_error("[board]\nname = \"x\"\n[display\nwidth = 1\n");
    LONGS_EQUAL(3, error.line);
    STRCMP_CONTAINS("not valid TOML", error.what.c_str());
}

TEST(BoardFile, bad_gateway_url_is_rejected)
{
    auto error = parse_error(MINIMAL + "[services]\ngateway_url = \"gateway.local\"\n");
    STRCMP_EQUAL("services.gateway_url", error.key.c_str());
}

TEST(BoardFile, site_names_the_center_and_its_help_counter)
{
    auto config = parse_board_text(
        MINIMAL + "[site]\ncenter_name = \"Trung tâm Phục vụ hành chính công xã Tân Phú\"\nhelp_counter = \"3\"\n",
        "/boards/test/board.toml");
    CHECK_TRUE(config.has_value());
    STRCMP_EQUAL("Trung tâm Phục vụ hành chính công xã Tân Phú", config->services.center_name.c_str());
    STRCMP_EQUAL("3", config->services.help_counter.c_str());
    auto plain = parse_board_text(MINIMAL, "/boards/test/board.toml");
    CHECK_TRUE(plain.has_value());
    CHECK_TRUE(plain->services.help_counter.empty());
}

TEST(BoardFile, broken_site_table_is_rejected_with_its_key)
{
    STRCMP_EQUAL("site", parse_error("site = 3\n" + MINIMAL).key.c_str());
    STRCMP_EQUAL("site.help_counter", parse_error(MINIMAL + "[site]\nhelp_counter = 3\n").key.c_str());
    auto const long_counter = parse_error(MINIMAL + "[site]\nhelp_counter = \"the third counter from the left door\"\n");
    STRCMP_EQUAL("site.help_counter", long_counter.key.c_str());
    STRCMP_CONTAINS("at most 16", long_counter.what.c_str());
    STRCMP_CONTAINS("help_counter", parse_error(MINIMAL + "[site]\ncounter = \"3\"\n").what.c_str());
}

TEST(BoardFile, missing_file_is_not_found)
{
    auto result = parse_board_file("/nonexistent/board.toml");
    CHECK_FALSE(result.has_value());
    CHECK(result.error().code == Errc::not_found);
    STRCMP_CONTAINS("/nonexistent/board.toml: cannot read the board file", result.error().message().c_str());
}

TEST(BoardFile, unreadable_file_is_reported)
{
    kiosk::test::TempDir dir;
    CHECK_TRUE(parse_board_file(dir.path()).error().code == Errc::io);

    auto file = dir.write("board.toml", MINIMAL);
    chmod(file.c_str(), 0);
    auto result = parse_board_file(file);
    if (geteuid() == 0) {
        // root reads any file: the permission check cannot fail, so check the content instead.
        CHECK_TRUE(result.has_value());
    } else {
        CHECK_FALSE(result.has_value());
        CHECK(result.error().code == Errc::permission_denied);
    }
}

TEST(BoardFile, every_shipped_board_parses)
{
    for (auto const& entry : std::filesystem::directory_iterator(kiosk::test::source_path("boards"))) {
        auto file = entry.path() / "board.toml";
        if (!std::filesystem::exists(file))
            continue;
        auto result = parse_board_file(file);
        if (!result.has_value())
            FAIL(result.error().message().c_str());
        STRCMP_EQUAL(entry.path().filename().c_str(), result->name.c_str());
    }
}
