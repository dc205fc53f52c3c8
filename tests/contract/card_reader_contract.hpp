// SPDX-License-Identifier: MIT
// The behaviour every hal::CardReader shows, whatever is behind it (the role-level simulator,
// libnfc talking to a PN532 emulator, a real reader on a bench).
//
// Use: a TEST_GROUP provides the harness below as members, then invokes
// KIOSK_CARD_READER_CONTRACT(GroupName). Include this header after all other headers.
//
//   hal::CardReader& reader();            the reader under test
//   void place_card(contract::TestCard);   bring a card into the field (replacing any)
//   void remove_card();                    lift it out; callable from the card's respond function
#pragma once

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/card_reader.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>

#include "contract/contract_support.hpp"

namespace kiosk::contract {

/// A card as a contract test describes it to the harness.
struct TestCard {
    hal::CardInfo info;
    /// Answers one command APDU with data + SW1 SW2; empty for a card that never answers.
    std::function<Bytes(ByteView)> respond;
};

/// What the suite needs from its TEST_GROUP (see the file comment).
// (clang-format 14 mangles requires-expressions.)
// clang-format off
template <class H>
concept CardReaderHarness = requires(H& harness, TestCard card) {
    { harness.reader() } -> std::same_as<hal::CardReader&>;
    harness.place_card(std::move(card));
    harness.remove_card();
};
// clang-format on

} // namespace kiosk::contract

namespace kiosk::contract::card_reader {

using namespace std::chrono_literals;

/// How long a wait that must end early is allowed to block.
inline constexpr std::chrono::milliseconds LONG_WAIT = 10s;
/// Bound within which cancel() must unblock a waiting thread.
inline constexpr std::chrono::milliseconds PROMPTLY = 2s;
/// A wait expected to time out.
inline constexpr std::chrono::milliseconds SHORT_WAIT = 30ms;

inline Bytes select_applet() { return { 0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 }; }
inline Bytes get_challenge() { return { 0x00, 0x84, 0x00, 0x00, 0x08 }; }
inline Bytes read_binary() { return { 0x00, 0xB0, 0x00, 0x00, 0x04 }; }

/// A small ICAO-like card: SELECT -> 90 00, GET CHALLENGE -> 8 bytes + 90 00,
/// READ BINARY -> 4 bytes + 90 00, anything else -> 6D 00.
inline TestCard id_card(Bytes uid = { 0x08, 0x12, 0x34, 0x56 })
{
    TestCard card;
    card.info.technology = hal::CardTechnology::iso14443a;
    card.info.uid = std::move(uid);
    card.info.answer_to_select = { 0x80, 0x31 };
    card.respond = [](ByteView command) -> Bytes {
        Bytes const apdu(command.begin(), command.end());
        if (apdu == select_applet())
            return { 0x90, 0x00 };
        if (apdu == get_challenge())
            return { 1, 2, 3, 4, 5, 6, 7, 8, 0x90, 0x00 };
        if (apdu == read_binary())
            return { 0x60, 0x16, 0x5F, 0x01, 0x90, 0x00 };
        return { 0x6D, 0x00 };
    };
    return card;
}

template <CardReaderHarness H> Bytes transmit_ok(H& h, Bytes const& command)
{
    auto response = h.reader().transmit(command, 1s);
    KIOSK_CHECK_OK(response);
    return std::move(response).value();
}

template <CardReaderHarness H> void select_card(H& h)
{
    auto card = h.reader().wait_for_card(LONG_WAIT);
    KIOSK_CHECK_OK(card);
    CHECK_TRUE(card->has_value());
}

template <CardReaderHarness H> void self_test_answers(H& h)
{
    auto summary = h.reader().self_test();
    KIOSK_CHECK_OK(summary);
    CHECK_FALSE(summary->empty());
}

template <CardReaderHarness H> void no_card_in_field_is_nullopt_not_an_error(H& h)
{
    auto card = h.reader().wait_for_card(SHORT_WAIT);
    KIOSK_CHECK_OK(card);
    CHECK_FALSE(card->has_value());
}

template <CardReaderHarness H> void wait_for_card_selects_the_card_in_the_field(H& h)
{
    h.place_card(id_card({ 0x08, 0xAA, 0xBB, 0xCC }));
    auto card = h.reader().wait_for_card(LONG_WAIT);
    KIOSK_CHECK_OK(card);
    CHECK_TRUE(card->has_value());
    CHECK_TRUE((Bytes { 0x08, 0xAA, 0xBB, 0xCC }) == (*card)->uid);
    CHECK_TRUE(hal::CardTechnology::iso14443a == (*card)->technology);
    auto present = h.reader().card_present();
    KIOSK_CHECK_OK(present);
    CHECK_TRUE(*present);
}

template <CardReaderHarness H> void wait_for_card_wakes_when_a_card_arrives(H& h)
{
    BlockingCall<Result<std::optional<hal::CardInfo>>> waiter([&] { return h.reader().wait_for_card(LONG_WAIT); });
    h.place_card(id_card());
    CHECK_TRUE(waiter.finish(LONG_WAIT));
    auto card = waiter.get();
    KIOSK_CHECK_OK(card);
    CHECK_TRUE(card->has_value());
}

template <CardReaderHarness H> void apdus_round_trip_in_order(H& h)
{
    h.place_card(id_card());
    select_card(h);
    CHECK_TRUE((Bytes { 0x90, 0x00 }) == transmit_ok(h, select_applet()));
    CHECK_TRUE((Bytes { 1, 2, 3, 4, 5, 6, 7, 8, 0x90, 0x00 }) == transmit_ok(h, get_challenge()));
    CHECK_TRUE((Bytes { 0x60, 0x16, 0x5F, 0x01, 0x90, 0x00 }) == transmit_ok(h, read_binary()));
    CHECK_TRUE((Bytes { 0x6D, 0x00 }) == transmit_ok(h, Bytes { 0x00, 0xFF, 0x00, 0x00 }));
}

template <CardReaderHarness H> void transmit_without_a_selected_card_is_not_found(H& h)
{
    KIOSK_CHECK_ERRC(Errc::not_found, h.reader().transmit(select_applet(), 1s));
    h.place_card(id_card());
    // In the field but never selected.
    KIOSK_CHECK_ERRC(Errc::not_found, h.reader().transmit(select_applet(), 1s));
}

template <CardReaderHarness H> void release_deselects_the_card(H& h)
{
    h.place_card(id_card());
    select_card(h);
    h.reader().release();
    KIOSK_CHECK_ERRC(Errc::not_found, h.reader().transmit(select_applet(), 1s));
    auto present = h.reader().card_present();
    KIOSK_CHECK_OK(present);
    CHECK_FALSE(*present);
    // The card is still there: it can be selected again.
    select_card(h);
    CHECK_TRUE((Bytes { 0x90, 0x00 }) == transmit_ok(h, select_applet()));
}

template <CardReaderHarness H> void release_is_safe_at_any_time(H& h)
{
    h.reader().release();
    h.reader().release();
    h.place_card(id_card());
    select_card(h);
    h.reader().release();
    h.reader().release();
}

template <CardReaderHarness H> void card_removed_between_commands_is_disconnected(H& h)
{
    h.place_card(id_card());
    select_card(h);
    CHECK_TRUE((Bytes { 0x90, 0x00 }) == transmit_ok(h, select_applet()));
    h.remove_card();
    KIOSK_CHECK_ERRC(Errc::disconnected, h.reader().transmit(get_challenge(), 1s));
    auto present = h.reader().card_present();
    KIOSK_CHECK_OK(present);
    CHECK_FALSE(*present);
}

template <CardReaderHarness H> void card_removed_mid_exchange_is_disconnected(H& h)
{
    TestCard card = id_card();
    auto answer = card.respond;
    // The citizen lifts the card while it is working on READ BINARY.
    card.respond = [&h, answer](ByteView command) -> Bytes {
        if (Bytes(command.begin(), command.end()) == read_binary())
            h.remove_card();
        return answer(command);
    };
    h.place_card(std::move(card));
    select_card(h);
    CHECK_TRUE((Bytes { 0x90, 0x00 }) == transmit_ok(h, select_applet()));
    KIOSK_CHECK_ERRC(Errc::disconnected, h.reader().transmit(read_binary(), 1s));
}

template <CardReaderHarness H> void another_card_replacing_the_selected_one_is_disconnected(H& h)
{
    h.place_card(id_card({ 0x08, 0x01, 0x01, 0x01 }));
    select_card(h);
    h.remove_card();
    h.place_card(id_card({ 0x08, 0x02, 0x02, 0x02 }));
    KIOSK_CHECK_ERRC(Errc::disconnected, h.reader().transmit(select_applet(), 1s));
    auto card = h.reader().wait_for_card(LONG_WAIT);
    KIOSK_CHECK_OK(card);
    CHECK_TRUE(card->has_value());
    CHECK_TRUE((Bytes { 0x08, 0x02, 0x02, 0x02 }) == (*card)->uid);
    CHECK_TRUE((Bytes { 0x90, 0x00 }) == transmit_ok(h, select_applet()));
}

template <CardReaderHarness H> void response_shorter_than_a_status_word_is_malformed(H& h)
{
    TestCard card = id_card();
    card.respond = [](ByteView) -> Bytes { return { 0x90 }; };
    h.place_card(std::move(card));
    select_card(h);
    KIOSK_CHECK_ERRC(Errc::malformed, h.reader().transmit(select_applet(), 1s));
}

template <CardReaderHarness H> void mute_card_times_out(H& h)
{
    TestCard card = id_card();
    card.respond = nullptr;
    h.place_card(std::move(card));
    select_card(h);
    KIOSK_CHECK_ERRC(Errc::timeout, h.reader().transmit(select_applet(), 50ms));
}

template <CardReaderHarness H> void wait_for_removal_reports_whether_the_card_left(H& h)
{
    h.place_card(id_card());
    select_card(h);
    auto still_there = h.reader().wait_for_removal(SHORT_WAIT);
    KIOSK_CHECK_OK(still_there);
    CHECK_FALSE(*still_there);

    BlockingCall<Result<bool>> waiter([&] { return h.reader().wait_for_removal(LONG_WAIT); });
    h.remove_card();
    CHECK_TRUE(waiter.finish(LONG_WAIT));
    auto left = waiter.get();
    KIOSK_CHECK_OK(left);
    CHECK_TRUE(*left);
}

template <CardReaderHarness H> void wait_for_removal_without_a_selected_card_returns_true(H& h)
{
    auto left = h.reader().wait_for_removal(LONG_WAIT);
    KIOSK_CHECK_OK(left);
    CHECK_TRUE(*left);
}

template <CardReaderHarness H> void cancel_unblocks_wait_for_card_and_the_next_wait_is_normal(H& h)
{
    BlockingCall<Result<std::optional<hal::CardInfo>>> waiter([&] { return h.reader().wait_for_card(LONG_WAIT); });
    bool const returned = waiter.finish([&] { h.reader().cancel(); }, PROMPTLY);
    if (!returned)
        h.place_card(id_card()); // let the waiter go before failing
    CHECK_TRUE_TEXT(returned, "cancel() did not unblock wait_for_card()");
    KIOSK_CHECK_ERRC(Errc::cancelled, waiter.get());

    auto nothing = h.reader().wait_for_card(SHORT_WAIT);
    KIOSK_CHECK_OK(nothing);
    CHECK_FALSE(nothing->has_value());
    h.place_card(id_card());
    select_card(h);
}

template <CardReaderHarness H> void cancel_unblocks_wait_for_removal(H& h)
{
    h.place_card(id_card());
    select_card(h);
    BlockingCall<Result<bool>> waiter([&] { return h.reader().wait_for_removal(LONG_WAIT); });
    bool const returned = waiter.finish([&] { h.reader().cancel(); }, PROMPTLY);
    if (!returned)
        h.remove_card(); // let the waiter go before failing
    CHECK_TRUE_TEXT(returned, "cancel() did not unblock wait_for_removal()");
    KIOSK_CHECK_ERRC(Errc::cancelled, waiter.get());

    // The card is still selected and works.
    CHECK_TRUE((Bytes { 0x90, 0x00 }) == transmit_ok(h, select_applet()));
}

} // namespace kiosk::contract::card_reader

/// Expands to the card reader contract tests for TEST_GROUP @p group (see the file comment).
#define KIOSK_CARD_READER_CONTRACT(group)                                                                              \
    TEST(group, self_test_answers) { ::kiosk::contract::card_reader::self_test_answers(*this); }                       \
    TEST(group, no_card_in_field_is_nullopt_not_an_error)                                                              \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::no_card_in_field_is_nullopt_not_an_error(*this);                               \
    }                                                                                                                  \
    TEST(group, wait_for_card_selects_the_card_in_the_field)                                                           \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::wait_for_card_selects_the_card_in_the_field(*this);                            \
    }                                                                                                                  \
    TEST(group, wait_for_card_wakes_when_a_card_arrives)                                                               \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::wait_for_card_wakes_when_a_card_arrives(*this);                                \
    }                                                                                                                  \
    TEST(group, apdus_round_trip_in_order) { ::kiosk::contract::card_reader::apdus_round_trip_in_order(*this); }       \
    TEST(group, transmit_without_a_selected_card_is_not_found)                                                         \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::transmit_without_a_selected_card_is_not_found(*this);                          \
    }                                                                                                                  \
    TEST(group, release_deselects_the_card) { ::kiosk::contract::card_reader::release_deselects_the_card(*this); }     \
    TEST(group, release_is_safe_at_any_time) { ::kiosk::contract::card_reader::release_is_safe_at_any_time(*this); }   \
    TEST(group, card_removed_between_commands_is_disconnected)                                                         \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::card_removed_between_commands_is_disconnected(*this);                          \
    }                                                                                                                  \
    TEST(group, card_removed_mid_exchange_is_disconnected)                                                             \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::card_removed_mid_exchange_is_disconnected(*this);                              \
    }                                                                                                                  \
    TEST(group, another_card_replacing_the_selected_one_is_disconnected)                                               \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::another_card_replacing_the_selected_one_is_disconnected(*this);                \
    }                                                                                                                  \
    TEST(group, response_shorter_than_a_status_word_is_malformed)                                                      \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::response_shorter_than_a_status_word_is_malformed(*this);                       \
    }                                                                                                                  \
    TEST(group, mute_card_times_out) { ::kiosk::contract::card_reader::mute_card_times_out(*this); }                   \
    TEST(group, wait_for_removal_reports_whether_the_card_left)                                                        \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::wait_for_removal_reports_whether_the_card_left(*this);                         \
    }                                                                                                                  \
    TEST(group, wait_for_removal_without_a_selected_card_returns_true)                                                 \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::wait_for_removal_without_a_selected_card_returns_true(*this);                  \
    }                                                                                                                  \
    TEST(group, cancel_unblocks_wait_for_card_and_the_next_wait_is_normal)                                             \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::cancel_unblocks_wait_for_card_and_the_next_wait_is_normal(*this);              \
    }                                                                                                                  \
    TEST(group, cancel_unblocks_wait_for_removal)                                                                      \
    {                                                                                                                  \
        ::kiosk::contract::card_reader::cancel_unblocks_wait_for_removal(*this);                                       \
    }
