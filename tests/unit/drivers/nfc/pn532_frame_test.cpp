// SPDX-License-Identifier: MIT
// PN532 host-link framing: what libnfc's pn532_uart driver sends and expects, byte for byte.
#include <nfc/pn532_frame.hpp>

#include <cstdint>
#include <optional>

#include "contract/contract_support.hpp"

using kiosk::Bytes;
namespace pn532 = kiosk::drivers::pn532;

namespace {

Bytes repeat(std::uint8_t value, std::size_t count) { return Bytes(count, value); }

} // namespace

TEST_GROUP(Pn532Frame) { };

TEST(Pn532Frame, normal_frame_matches_the_user_manual_example)
{
    // GetFirmwareVersion as libnfc sends it: 00 00 FF 02 FE D4 02 2A 00.
    Bytes const payload { 0x02 };
    CHECK_TRUE((Bytes { 0x00, 0x00, 0xFF, 0x02, 0xFE, 0xD4, 0x02, 0x2A, 0x00 })
        == pn532::encode_information_frame(pn532::TFI_HOST_TO_PN532, payload));
}

TEST(Pn532Frame, frames_longer_than_255_use_the_extended_form)
{
    Bytes const payload = repeat(0x41, 260);
    Bytes const frame = pn532::encode_information_frame(pn532::TFI_PN532_TO_HOST, payload);
    CHECK_EQUAL(3U + 5U + 261U + 2U, frame.size());
    CHECK_EQUAL(0xFF, frame[3]);
    CHECK_EQUAL(0xFF, frame[4]);
    CHECK_EQUAL(0x01, frame[5]); // LEN = 261 = 0x0105
    CHECK_EQUAL(0x05, frame[6]);
    CHECK_EQUAL(0x00, (frame[5] + frame[6] + frame[7]) & 0xFF);

    pn532::FrameParser parser;
    parser.feed(frame);
    auto parsed = parser.next();
    CHECK_TRUE(parsed.has_value());
    CHECK_TRUE(pn532::FrameKind::information == parsed->kind);
    CHECK_EQUAL(pn532::TFI_PN532_TO_HOST, parsed->tfi);
    CHECK_TRUE(payload == parsed->payload);
}

TEST(Pn532Frame, a_254_byte_payload_still_fits_a_normal_frame)
{
    Bytes const frame = pn532::encode_information_frame(pn532::TFI_PN532_TO_HOST, repeat(0x01, 254));
    CHECK_EQUAL(0xFF, frame[3]); // LEN 255
    CHECK_EQUAL(0x01, frame[4]);
    CHECK_EQUAL(3U + 2U + 255U + 2U, frame.size());
}

TEST(Pn532Frame, parser_skips_the_wake_up_preamble_and_reads_split_input)
{
    Bytes stream { 0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
    Bytes const frame = pn532::encode_information_frame(pn532::TFI_HOST_TO_PN532, Bytes { 0x14, 0x01 });
    stream.insert(stream.end(), frame.begin(), frame.end());
    pn532::FrameParser parser;
    for (auto byte : stream) {
        CHECK_FALSE(parser.next().has_value());
        parser.feed(Bytes { byte });
    }
    auto parsed = parser.next();
    CHECK_TRUE(parsed.has_value());
    CHECK_TRUE((Bytes { 0x14, 0x01 }) == parsed->payload);
    CHECK_FALSE(parser.next().has_value());
}

TEST(Pn532Frame, ack_nack_and_error_frames_are_recognised)
{
    pn532::FrameParser parser;
    parser.feed(pn532::ack_frame());
    parser.feed(pn532::nack_frame());
    parser.feed(pn532::error_frame());
    CHECK_TRUE(pn532::FrameKind::ack == parser.next()->kind);
    CHECK_TRUE(pn532::FrameKind::nack == parser.next()->kind);
    CHECK_TRUE(pn532::FrameKind::error == parser.next()->kind);
    CHECK_FALSE(parser.next().has_value());
}

TEST(Pn532Frame, bad_data_checksum_is_reported_and_the_next_frame_still_parses)
{
    Bytes bad = pn532::encode_information_frame(pn532::TFI_HOST_TO_PN532, Bytes { 0x02 });
    bad[bad.size() - 2] ^= 0x01;
    Bytes const good = pn532::encode_information_frame(pn532::TFI_HOST_TO_PN532, Bytes { 0x4A, 0x01, 0x00 });
    pn532::FrameParser parser;
    parser.feed(bad);
    parser.feed(good);
    CHECK_TRUE(pn532::FrameKind::bad_checksum == parser.next()->kind);
    auto parsed = parser.next();
    CHECK_TRUE(parsed.has_value());
    CHECK_TRUE(pn532::FrameKind::information == parsed->kind);
    CHECK_TRUE((Bytes { 0x4A, 0x01, 0x00 }) == parsed->payload);
}

TEST(Pn532Frame, bad_length_checksum_is_reported)
{
    pn532::FrameParser parser;
    parser.feed(Bytes { 0x00, 0x00, 0xFF, 0x03, 0x01, 0xD4, 0x02, 0x2A, 0x00 });
    CHECK_TRUE(pn532::FrameKind::bad_checksum == parser.next()->kind);
}

TEST(Pn532Frame, hostile_extended_length_is_rejected_without_buffering)
{
    // LEN 0xFFF0 would make a naive parser wait for 64 KiB.
    pn532::FrameParser parser;
    parser.feed(Bytes { 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0, 0x11, 0xD4 });
    auto parsed = parser.next();
    CHECK_TRUE(parsed.has_value());
    CHECK_TRUE(pn532::FrameKind::bad_checksum == parsed->kind);
    CHECK_FALSE(parser.next().has_value());
    CHECK_TRUE(parser.buffered() < 16);
}

TEST(Pn532Frame, garbage_without_a_start_code_is_dropped)
{
    pn532::FrameParser parser;
    parser.feed(repeat(0x55, 1000));
    CHECK_FALSE(parser.next().has_value());
    CHECK_EQUAL(0U, parser.buffered());
}
