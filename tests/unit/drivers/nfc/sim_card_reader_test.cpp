// SPDX-License-Identifier: MIT
// What the role-level reader adds beyond the card reader contract (hooks, self-test text).
#include <nfc/sim_card_reader.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "contract/contract_support.hpp"

using namespace std::chrono_literals;
using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using kiosk::drivers::SimCard;
using kiosk::drivers::SimCardReader;

namespace {

SimCard echo_card()
{
    SimCard card;
    card.info.uid = { 0x08, 0x01, 0x02, 0x03 };
    card.respond = [](ByteView command) {
        Bytes response(command.begin(), command.end());
        response.push_back(0x90);
        response.push_back(0x00);
        return response;
    };
    return card;
}

} // namespace

TEST_GROUP(SimCardReader) { std::unique_ptr<SimCardReader> m_reader = SimCardReader::create(); };

TEST(SimCardReader, self_test_says_whether_a_card_is_in_the_field)
{
    STRCMP_EQUAL("simulated reader ready, no card in field", m_reader->self_test()->c_str());
    m_reader->place_card(echo_card());
    STRCMP_EQUAL("simulated reader ready, card in field", m_reader->self_test()->c_str());
    m_reader->remove_card();
    STRCMP_EQUAL("simulated reader ready, no card in field", m_reader->self_test()->c_str());
}

TEST(SimCardReader, nested_card_type_is_the_same_type)
{
    SimCardReader::SimCard card = echo_card();
    m_reader->place_card(card);
    auto selected = m_reader->wait_for_card(1s);
    KIOSK_CHECK_OK(selected);
    CHECK_TRUE((Bytes { 0x08, 0x01, 0x02, 0x03 }) == (*selected)->uid);
}

TEST(SimCardReader, responses_pass_through_unchanged)
{
    m_reader->place_card(echo_card());
    KIOSK_CHECK_OK(m_reader->wait_for_card(1s));
    Bytes const command { 0x00, 0xB0, 0x00, 0x00, 0x00 };
    auto response = m_reader->transmit(command, 1s);
    KIOSK_CHECK_OK(response);
    CHECK_TRUE((Bytes { 0x00, 0xB0, 0x00, 0x00, 0x00, 0x90, 0x00 }) == *response);
}

TEST(SimCardReader, answer_slower_than_the_timeout_is_a_timeout)
{
    SimCard card = echo_card();
    card.respond = [](ByteView) {
        // Model a card busy computing: burn steady-clock time without sleeping.
        auto const until = std::chrono::steady_clock::now() + 5ms;
        while (std::chrono::steady_clock::now() < until) { }
        return Bytes { 0x90, 0x00 };
    };
    m_reader->place_card(card);
    KIOSK_CHECK_OK(m_reader->wait_for_card(1s));
    KIOSK_CHECK_ERRC(Errc::timeout, m_reader->transmit(Bytes { 0x00 }, 1ms));
    KIOSK_CHECK_OK(m_reader->transmit(Bytes { 0x00 }, 1s));
}

TEST(SimCardReader, removing_the_card_ends_a_mute_exchange_as_disconnected)
{
    SimCard card = echo_card();
    card.respond = nullptr;
    m_reader->place_card(card);
    KIOSK_CHECK_OK(m_reader->wait_for_card(1s));
    kiosk::contract::BlockingCall<kiosk::Result<Bytes>> exchange(
        [&] { return m_reader->transmit(Bytes { 0x00 }, 10s); });
    m_reader->remove_card();
    CHECK_TRUE(exchange.finish(10s));
    KIOSK_CHECK_ERRC(Errc::disconnected, exchange.get());
}

TEST(SimCardReader, huge_timeouts_do_not_overflow)
{
    m_reader->place_card(echo_card());
    auto card = m_reader->wait_for_card(std::chrono::milliseconds::max());
    KIOSK_CHECK_OK(card);
    CHECK_TRUE(card->has_value());
    auto nothing = m_reader->wait_for_removal(std::chrono::milliseconds::min());
    KIOSK_CHECK_OK(nothing);
    CHECK_FALSE(*nothing);
}

TEST(SimCardReader, cancel_with_nobody_waiting_is_forgotten)
{
    m_reader->cancel();
    m_reader->place_card(echo_card());
    auto card = m_reader->wait_for_card(1s);
    KIOSK_CHECK_OK(card);
    CHECK_TRUE(card->has_value());
}
