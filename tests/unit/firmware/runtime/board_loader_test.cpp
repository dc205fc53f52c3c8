// SPDX-License-Identifier: MIT
#include "runtime/board_loader.hpp"

#include "runtime/board_file.hpp"

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::Errc;
using kiosk::runtime::load_board;
using kiosk::runtime::LoadOptions;
namespace hal = kiosk::hal;

namespace {

std::string const HEADER = "[board]\nname = \"t\"\n[display]\nwidth = 800\nheight = 480\ndpi = 96\n";

LoadOptions into(std::filesystem::path const& out)
{
    LoadOptions options;
    options.output_dir = out;
    return options;
}

} // namespace

TEST_GROUP(BoardLoader)
{
    kiosk::test::TempDir dir;
};

TEST(BoardLoader, sim_board_fills_every_role)
{
    auto loaded = load_board(kiosk::test::source_path("boards/sim/board.toml"), into(dir.path()));
    CHECK_TRUE(loaded.has_value());
    CHECK_TRUE(loaded->faults.empty());
    auto const& board = *loaded->board;
    STRCMP_EQUAL("sim", board.name().c_str());
    for (hal::Role role : hal::ALL_ROLES)
        CHECK_TRUE(board.device(role) != nullptr);
    CHECK_TRUE(board.printer() != nullptr);
    LONGS_EQUAL(576, board.printer()->capabilities().dots_per_line);
    LONGS_EQUAL(6, static_cast<long>(board.devices().size()));
    CHECK(board.devices().front().role == hal::Role::card_reader);
    STRCMP_EQUAL("pn532_emul:", board.devices().front().connection.c_str()); // issue 6: the emulated PN532
    CHECK_TRUE(std::filesystem::is_directory(dir.path() / "receipts"));
}

TEST(BoardLoader, board_without_roles_loads_empty)
{
    auto file = dir.write("board.toml", HEADER);
    auto loaded = load_board(file, into(dir.path()));
    CHECK_TRUE(loaded.has_value());
    CHECK_TRUE(loaded->board->devices().empty());
    CHECK_TRUE(loaded->board->card_reader() == nullptr);
}

TEST(BoardLoader, unknown_driver_lists_the_known_ones_and_loads_nothing)
{
    auto file = dir.write("board.toml", HEADER + "[printer]\nconnection = \"usbx:04b8:0e28\"\n");
    auto loaded = load_board(file, into(dir.path() / "out"));
    CHECK_FALSE(loaded.has_value());
    CHECK(loaded.error().code == Errc::invalid_argument);
    LONGS_EQUAL(8, loaded.error().line);
    STRCMP_EQUAL("printer.connection", loaded.error().key.c_str());
    STRCMP_CONTAINS("unknown driver 'usbx' for printer; known drivers: sim", loaded.error().what.c_str());
    // Nothing half-loaded: no device was opened, so the sim printer made no folder.
    CHECK_FALSE(std::filesystem::exists(dir.path() / "out"));
}

TEST(BoardLoader, driver_arguments_are_checked)
{
    auto file = dir.write("board.toml", HEADER + "[card_reader]\nconnection = \"sim:extra\"\n");
    auto loaded = load_board(file, into(dir.path()));
    CHECK_FALSE(loaded.has_value());
    STRCMP_CONTAINS("takes no arguments", loaded.error().what.c_str());
}

TEST(BoardLoader, device_that_cannot_open_is_a_fault_and_others_still_load)
{
    // The printer's folder sits under a regular file, so it cannot be created.
    auto blocker = dir.write("blocker", "not a folder");
    auto file = dir.write("board.toml",
        HEADER + "[card_reader]\nconnection = \"sim:\"\n[printer]\nconnection = \"sim:blocker/receipts\"\n");
    auto loaded = load_board(file, into(dir.path()));
    CHECK_TRUE(loaded.has_value());
    LONGS_EQUAL(1, static_cast<long>(loaded->faults.size()));
    CHECK(loaded->faults.front().entry.role == hal::Role::printer);
    CHECK_TRUE(loaded->board->printer() == nullptr);
    CHECK_TRUE(loaded->board->card_reader() != nullptr);
}

TEST(BoardLoader, printer_folder_is_relative_to_the_board_file)
{
    auto file = dir.write("board.toml", HEADER + "[printer]\nconnection = \"sim:paper\"\nhead_dots = 384\n");
    auto loaded = load_board(file, into(dir.path() / "elsewhere"));
    CHECK_TRUE(loaded.has_value());
    CHECK_TRUE(loaded->faults.empty());
    CHECK_TRUE(std::filesystem::is_directory(dir.path() / "paper"));
    LONGS_EQUAL(384, loaded->board->printer()->capabilities().dots_per_line);
}
