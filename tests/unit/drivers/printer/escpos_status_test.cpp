// SPDX-License-Identifier: MIT
// DLE EOT replies -> PrinterStatus, over every documented status bit.
#include <printer/escpos_status.hpp>

#include <array>
#include <cstdint>

#include "contract/contract_support.hpp"

using kiosk::drivers::EscPosStatus;
using kiosk::hal::PaperLevel;
using kiosk::hal::PrinterStatus;

namespace {
constexpr std::uint8_t OK = 0x12;

PrinterStatus parsed(std::uint8_t printer, std::uint8_t offline, std::uint8_t error, std::uint8_t paper)
{
    auto status = EscPosStatus::parse({ printer, offline, error, paper });
    KIOSK_CHECK_OK(status);
    return status.value_or(PrinterStatus {});
}
} // namespace

TEST_GROUP(EscPosStatus) {};

TEST(EscPosStatus, requests_are_dle_eot_n)
{
    auto const request = EscPosStatus::request(EscPosStatus::Query::paper);
    BYTES_EQUAL(0x10, request[0]);
    BYTES_EQUAL(0x04, request[1]);
    BYTES_EQUAL(4, request[2]);
}

TEST(EscPosStatus, all_clear_is_ready)
{
    PrinterStatus const status = parsed(OK, OK, OK, OK);
    CHECK_TRUE(status.online);
    CHECK_FALSE(status.cover_open);
    CHECK_TRUE(PaperLevel::ok == status.paper);
    CHECK_TRUE(status.ready());
}

TEST(EscPosStatus, printer_status_bit3_is_offline)
{
    PrinterStatus const status = parsed(0x1A, OK, OK, OK);
    CHECK_FALSE(status.online);
    CHECK_FALSE(status.ready());
}

TEST(EscPosStatus, offline_cause_bit2_is_cover_open)
{
    PrinterStatus const status = parsed(0x1A, 0x16, OK, OK);
    CHECK_TRUE(status.cover_open);
    CHECK_FALSE(status.ready());
}

TEST(EscPosStatus, offline_cause_bit5_is_paper_end)
{
    CHECK_TRUE(PaperLevel::end == parsed(0x1A, 0x32, OK, OK).paper);
}

TEST(EscPosStatus, paper_sensor_bytes_from_the_manual)
{
    CHECK_TRUE(PaperLevel::ok == parsed(OK, OK, OK, 0x12).paper);
    CHECK_TRUE(PaperLevel::near_end == parsed(OK, OK, OK, 0x1E).paper);
    CHECK_TRUE(PaperLevel::end == parsed(OK, OK, OK, 0x72).paper);
    // Printers that set one bit of a pair.
    CHECK_TRUE(PaperLevel::near_end == parsed(OK, OK, OK, 0x16).paper);
    CHECK_TRUE(PaperLevel::end == parsed(OK, OK, OK, 0x32).paper);
    CHECK_TRUE(parsed(OK, OK, OK, 0x1E).ready());
    CHECK_FALSE(parsed(OK, OK, OK, 0x72).ready());
}

TEST(EscPosStatus, error_cause_bits)
{
    CHECK_TRUE(parsed(OK, OK, 0x1A, OK).cutter_error);
    CHECK_TRUE(parsed(OK, OK, 0x32, OK).unrecoverable_error);
    CHECK_TRUE(parsed(OK, OK, 0x16, OK).unrecoverable_error); // mechanical error
    CHECK_TRUE(parsed(OK, OK, 0x52, OK).recoverable_error);
    CHECK_FALSE(parsed(OK, OK, 0x1A, OK).ready());
    CHECK_TRUE(parsed(OK, OK, 0x52, OK).ready());
}

TEST(EscPosStatus, bytes_without_the_fixed_pattern_are_malformed)
{
    for (std::uint8_t bad : { 0x00, 0xFF, 0x13, 0x92, 0x02, 0x10 })
        KIOSK_CHECK_ERRC(kiosk::Errc::malformed, EscPosStatus::parse({ OK, OK, OK, bad }));
}

TEST(EscPosStatus, pattern_check_accepts_exactly_0xx1xx10)
{
    int accepted = 0;
    for (int byte = 0; byte < 256; ++byte)
        accepted += EscPosStatus::is_status_byte(static_cast<std::uint8_t>(byte)) ? 1 : 0;
    LONGS_EQUAL(16, accepted);
}

TEST(EscPosStatus, emulator_replies_round_trip_every_state)
{
    for (int bits = 0; bits < 64; ++bits) {
        PrinterStatus status;
        status.online = (bits & 1) != 0;
        status.cover_open = (bits & 2) != 0;
        status.cutter_error = (bits & 4) != 0;
        status.unrecoverable_error = (bits & 8) != 0;
        status.paper = static_cast<PaperLevel>((bits >> 4) % 3);
        PrinterStatus const back = parsed(EscPosStatus::replies_for(status)[0], EscPosStatus::replies_for(status)[1],
            EscPosStatus::replies_for(status)[2], EscPosStatus::replies_for(status)[3]);
        CHECK_EQUAL(status.cover_open, back.cover_open);
        CHECK_EQUAL(status.cutter_error, back.cutter_error);
        CHECK_EQUAL(status.unrecoverable_error, back.unrecoverable_error);
        CHECK_TRUE(status.paper == back.paper);
        CHECK_EQUAL(status.ready(), back.ready());
    }
}
