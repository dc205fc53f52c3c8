// SPDX-License-Identifier: MIT
// The behaviour every hal::CodeScanner shows (simulator, serial scanner module behind an
// emulator, camera plus decoder fed with generated images, ...).
//
// Use: a TEST_GROUP provides the harness below as members, then invokes
// KIOSK_CODE_SCANNER_CONTRACT(GroupName). Include this header after all other headers.
//
//   hal::CodeScanner& scanner();                        the scanner under test
//   void present(std::string text, hal::CodeFormat);    show it one code, once
#pragma once

#include <kiosk/hal/code_scanner.hpp>

#include <chrono>
#include <concepts>
#include <optional>
#include <string>

#include "contract/contract_support.hpp"

namespace kiosk::contract {

/// What the suite needs from its TEST_GROUP (see the file comment).
// (clang-format 14 mangles requires-expressions.)
// clang-format off
template <class H>
concept CodeScannerHarness = requires(H& harness, std::string text) {
    { harness.scanner() } -> std::same_as<hal::CodeScanner&>;
    harness.present(text, hal::CodeFormat::qr_code);
};
// clang-format on

} // namespace kiosk::contract

namespace kiosk::contract::code_scanner {

using namespace std::chrono_literals;

inline constexpr std::chrono::milliseconds LONG_WAIT = 10s;
inline constexpr std::chrono::milliseconds PROMPTLY = 2s;
inline constexpr std::chrono::milliseconds SHORT_WAIT = 30ms;

template <CodeScannerHarness H> hal::ScannedCode next_ok(H& h)
{
    auto code = h.scanner().next_code(LONG_WAIT);
    KIOSK_CHECK_OK(code);
    CHECK_TRUE_TEXT(code->has_value(), "no code within the wait");
    return std::move(**code);
}

template <CodeScannerHarness H> void self_test_answers(H& h)
{
    auto summary = h.scanner().self_test();
    KIOSK_CHECK_OK(summary);
    CHECK_FALSE(summary->empty());
}

template <CodeScannerHarness H> void nothing_shown_is_nullopt_not_an_error(H& h)
{
    auto code = h.scanner().next_code(SHORT_WAIT);
    KIOSK_CHECK_OK(code);
    CHECK_FALSE(code->has_value());
}

template <CodeScannerHarness H> void presented_code_is_reported_once_with_text_and_format(H& h)
{
    auto const before = std::chrono::steady_clock::now();
    h.present("HS-2025-000123", hal::CodeFormat::qr_code);
    hal::ScannedCode code = next_ok(h);
    STRCMP_EQUAL("HS-2025-000123", code.text.c_str());
    CHECK_TRUE(hal::CodeFormat::qr_code == code.format);
    CHECK_TRUE(code.at >= before);

    auto again = h.scanner().next_code(SHORT_WAIT);
    KIOSK_CHECK_OK(again);
    CHECK_FALSE_TEXT(again->has_value(), "one presentation was reported twice");
}

template <CodeScannerHarness H> void codes_come_out_in_the_order_shown(H& h)
{
    h.present("first", hal::CodeFormat::qr_code);
    h.present("second", hal::CodeFormat::code_128);
    hal::ScannedCode const first = next_ok(h);
    hal::ScannedCode const second = next_ok(h);
    STRCMP_EQUAL("first", first.text.c_str());
    STRCMP_EQUAL("second", second.text.c_str());
    CHECK_TRUE(hal::CodeFormat::code_128 == second.format);
}

template <CodeScannerHarness H> void vietnamese_text_passes_through_unchanged(H& h)
{
    // A CCCD QR payload: ID|old ID|name|birth date|sex|address|issue date.
    std::string const payload = "001090012345||Nguyễn Văn Đức|01021990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|15082021";
    h.present(payload, hal::CodeFormat::qr_code);
    STRCMP_EQUAL(payload.c_str(), next_ok(h).text.c_str());
}

template <CodeScannerHarness H> void next_code_wakes_when_a_code_is_shown(H& h)
{
    BlockingCall<Result<std::optional<hal::ScannedCode>>> waiter([&] { return h.scanner().next_code(LONG_WAIT); });
    h.present("late", hal::CodeFormat::qr_code);
    CHECK_TRUE(waiter.finish(LONG_WAIT));
    auto code = waiter.get();
    KIOSK_CHECK_OK(code);
    CHECK_TRUE(code->has_value());
    STRCMP_EQUAL("late", (*code)->text.c_str());
}

template <CodeScannerHarness H> void cancel_unblocks_next_code_and_the_next_wait_is_normal(H& h)
{
    BlockingCall<Result<std::optional<hal::ScannedCode>>> waiter([&] { return h.scanner().next_code(LONG_WAIT); });
    bool const returned = waiter.finish([&] { h.scanner().cancel(); }, PROMPTLY);
    if (!returned)
        h.present("unblock", hal::CodeFormat::qr_code); // let the waiter go before failing
    CHECK_TRUE_TEXT(returned, "cancel() did not unblock next_code()");
    KIOSK_CHECK_ERRC(Errc::cancelled, waiter.get());

    h.present("after cancel", hal::CodeFormat::qr_code);
    STRCMP_EQUAL("after cancel", next_ok(h).text.c_str());
}

} // namespace kiosk::contract::code_scanner

/// Expands to the code scanner contract tests for TEST_GROUP @p group (see the file comment).
#define KIOSK_CODE_SCANNER_CONTRACT(group)                                                                             \
    TEST(group, self_test_answers) { ::kiosk::contract::code_scanner::self_test_answers(*this); }                      \
    TEST(group, nothing_shown_is_nullopt_not_an_error)                                                                 \
    {                                                                                                                  \
        ::kiosk::contract::code_scanner::nothing_shown_is_nullopt_not_an_error(*this);                                 \
    }                                                                                                                  \
    TEST(group, presented_code_is_reported_once_with_text_and_format)                                                  \
    {                                                                                                                  \
        ::kiosk::contract::code_scanner::presented_code_is_reported_once_with_text_and_format(*this);                  \
    }                                                                                                                  \
    TEST(group, codes_come_out_in_the_order_shown)                                                                     \
    {                                                                                                                  \
        ::kiosk::contract::code_scanner::codes_come_out_in_the_order_shown(*this);                                     \
    }                                                                                                                  \
    TEST(group, vietnamese_text_passes_through_unchanged)                                                              \
    {                                                                                                                  \
        ::kiosk::contract::code_scanner::vietnamese_text_passes_through_unchanged(*this);                              \
    }                                                                                                                  \
    TEST(group, next_code_wakes_when_a_code_is_shown)                                                                  \
    {                                                                                                                  \
        ::kiosk::contract::code_scanner::next_code_wakes_when_a_code_is_shown(*this);                                  \
    }                                                                                                                  \
    TEST(group, cancel_unblocks_next_code_and_the_next_wait_is_normal)                                                 \
    {                                                                                                                  \
        ::kiosk::contract::code_scanner::cancel_unblocks_next_code_and_the_next_wait_is_normal(*this);                 \
    }
