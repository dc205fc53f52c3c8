// SPDX-License-Identifier: MIT
#include "nfc/sim_card_reader.hpp"

#include "common/bounded_timeout.hpp"

#include <algorithm>
#include <utility>

namespace kiosk::drivers {

std::unique_ptr<SimCardReader> SimCardReader::create()
{
    // The constructor is private, so make_unique cannot reach it.
    return std::unique_ptr<SimCardReader>(new SimCardReader());
}

SimCardReader::~SimCardReader() = default;

Result<std::string> SimCardReader::self_test()
{
    std::lock_guard lock(m_mutex);
    if (m_card.has_value())
        return std::string("simulated reader ready, card in field");
    return std::string("simulated reader ready, no card in field");
}

bool SimCardReader::selected_card_in_field() const
{
    return m_selected_arrival.has_value() && m_card.has_value() && *m_selected_arrival == m_card_arrival;
}

Result<std::optional<hal::CardInfo>> SimCardReader::wait_for_card(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    std::uint64_t const cancel_at_start = m_cancel_count;
    bool const woke = m_changed.wait_for(
        lock, bounded_timeout(timeout), [&] { return m_card.has_value() || m_cancel_count != cancel_at_start; });
    if (m_cancel_count != cancel_at_start)
        return fail(Errc::cancelled, "waiting for a card");
    if (!woke)
        return std::optional<hal::CardInfo>();
    m_selected_arrival = m_card_arrival;
    return std::optional<hal::CardInfo>(m_card->info);
}

Result<Bytes> SimCardReader::transmit(ByteView command, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    if (!m_selected_arrival.has_value())
        return fail(Errc::not_found, "sending an APDU: no card selected");
    if (!selected_card_in_field())
        return fail(Errc::disconnected, "sending an APDU: the card left the field");

    std::uint64_t const arrival = *m_selected_arrival;
    if (!m_card->respond) {
        // A mute card: the reader waits out the timeout, unless the card is lifted first.
        bool const removed = m_changed.wait_for(
            lock, bounded_timeout(timeout), [&] { return !m_card.has_value() || m_card_arrival != arrival; });
        if (removed)
            return fail(Errc::disconnected, "sending an APDU: the card left the field");
        return fail(Errc::timeout, "sending an APDU: the card did not answer");
    }

    // Call the card without the lock, so that its answer may lift it out of the field.
    auto respond = m_card->respond;
    lock.unlock();
    auto const started = std::chrono::steady_clock::now();
    Bytes response = respond(command);
    auto const took = std::chrono::steady_clock::now() - started;
    lock.lock();

    if (!m_card.has_value() || m_card_arrival != arrival)
        return fail(Errc::disconnected, "sending an APDU: the card left the field");
    if (took > timeout)
        return fail(Errc::timeout, "sending an APDU: the card did not answer in time");
    if (response.size() < 2)
        return fail(Errc::malformed, "APDU response shorter than a status word");
    return response;
}

Result<bool> SimCardReader::card_present()
{
    std::lock_guard lock(m_mutex);
    return selected_card_in_field();
}

Result<bool> SimCardReader::wait_for_removal(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    std::uint64_t const cancel_at_start = m_cancel_count;
    bool const gone = m_changed.wait_for(
        lock, bounded_timeout(timeout), [&] { return !selected_card_in_field() || m_cancel_count != cancel_at_start; });
    if (m_cancel_count != cancel_at_start)
        return fail(Errc::cancelled, "waiting for the card to be removed");
    return gone;
}

void SimCardReader::release()
{
    std::lock_guard lock(m_mutex);
    m_selected_arrival.reset();
    // A thread waiting for removal of the released card now has nothing to wait for.
    m_changed.notify_all();
}

void SimCardReader::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_cancel_count;
    }
    m_changed.notify_all();
}

void SimCardReader::place_card(SimCard card)
{
    {
        std::lock_guard lock(m_mutex);
        m_card = std::move(card);
        ++m_card_arrival;
    }
    m_changed.notify_all();
}

void SimCardReader::remove_card()
{
    {
        std::lock_guard lock(m_mutex);
        m_card.reset();
    }
    m_changed.notify_all();
}

} // namespace kiosk::drivers
