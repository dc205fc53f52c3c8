// SPDX-License-Identifier: MIT
#include <codes/qr_encoder.hpp>

#include <string>

#include "contract/contract_support.hpp"

using kiosk::codes::QrEncoder;
using kiosk::codes::QrErrorCorrection;

namespace {
bool const QR_TABLES_READY = QrEncoder::encode("warm-up").has_value();
}

TEST_GROUP(QrEncoder) {};

TEST(QrEncoder, a_short_payload_is_a_version_1_code_with_finder_patterns)
{
    auto modules = QrEncoder::encode("G22-0042", QrErrorCorrection::low);
    KIOSK_CHECK_OK(modules);
    LONGS_EQUAL(21, modules->width());
    LONGS_EQUAL(21, modules->height());
    // Finder pattern corners: dark 7x7 ring with a dark 3x3 core.
    for (int i = 0; i < 7; ++i) {
        CHECK_TRUE(modules->dot(i, 0));
        CHECK_TRUE(modules->dot(0, i));
        CHECK_TRUE(modules->dot(20 - i, 0));
        CHECK_TRUE(modules->dot(0, 20 - i));
    }
    CHECK_FALSE(modules->dot(1, 1));
    CHECK_TRUE(modules->dot(3, 3));
}

TEST(QrEncoder, more_correction_needs_more_modules)
{
    std::string const payload(60, 'A');
    int const low = KIOSK_MUST(QrEncoder::encode(payload, QrErrorCorrection::low)).width();
    int const high = KIOSK_MUST(QrEncoder::encode(payload, QrErrorCorrection::high)).width();
    CHECK_TRUE(high > low);
}

TEST(QrEncoder, vietnamese_text_encodes)
{
    KIOSK_CHECK_OK(QrEncoder::encode("Hồ sơ đã được tiếp nhận"));
}

TEST(QrEncoder, empty_and_oversize_payloads_are_refused)
{
    KIOSK_CHECK_ERRC(kiosk::Errc::invalid_argument, QrEncoder::encode(""));
    KIOSK_CHECK_ERRC(kiosk::Errc::invalid_argument, QrEncoder::encode(std::string(QrEncoder::MAX_PAYLOAD_BYTES + 1, 'x')));
    KIOSK_MUST(QrEncoder::encode(std::string(QrEncoder::MAX_PAYLOAD_BYTES, 'x')));
}

TEST(QrEncoder, the_largest_payload_fits_even_at_level_high)
{
    // Version 40-H holds 1273 bytes, so every accepted payload encodes at every level.
    std::string payload;
    while (payload.size() + 3 <= QrEncoder::MAX_PAYLOAD_BYTES)
        payload += "ệ";
    auto const modules = QrEncoder::encode(payload, QrErrorCorrection::high);
    KIOSK_CHECK_OK(modules);
    CHECK_TRUE(modules->width() > 141 && modules->width() <= 177); // version 31 to 40
}
