// SPDX-License-Identifier: MIT
#include "sim_scenario_hooks.hpp"

#include <clock/manual_clock.hpp>
#include <id/persona.hpp>
#include <nfc/emulated_pn532_reader.hpp>
#include <printer/escpos_printer.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <scanner/sim_code_scanner.hpp>

#if defined(KIOSK_HAVE_TEST_CARDS)
#include <tools/card_factory.hpp>
#endif

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

namespace kiosk::apps {


Expected<void, std::string> SimScenarioHooks::present_code(std::string text)
{
    if (auto* sim = dynamic_cast<drivers::SimCodeScanner*>(m_board.code_scanner())) {
        sim->present(std::move(text));
        return {};
    }
    m_events.push(ui::ScanEvent { std::move(text) });
    return {};
}

namespace {

    /// How long the `card` step waits for the kiosk's reader to pick the card up.
    constexpr std::chrono::seconds CARD_BOUND { 5 };
    /// How long a paced card holds a READ BINARY when fake time does not move (below the
    /// reader's 2 s APDU timeout, so a scenario that never waits still reads, slowly).
    constexpr std::chrono::milliseconds PACE_BOUND { 1200 };

    drivers::EmulatedPn532Reader* emulated_reader(hal::Board& board)
    {
        return dynamic_cast<drivers::EmulatedPn532Reader*>(board.card_reader());
    }

    std::string persona_names()
    {
        std::string names;
        for (auto const& persona : id::personas())
            names += (names.empty() ? "" : ", ") + std::string(persona.name);
        return names;
    }

} // namespace

/// Fake time for the scenario's cards: advance() ticks it, a lift ends every wait.
class CardPacer {
public:
    void tick()
    {
        {
            std::lock_guard lock(m_mutex);
            ++m_ticks;
        }
        m_changed.notify_all();
    }
    void lift()
    {
        {
            std::lock_guard lock(m_mutex);
            ++m_lifts;
        }
        m_changed.notify_all();
    }
    [[nodiscard]] std::uint64_t lifts() const
    {
        std::lock_guard lock(m_mutex);
        return m_lifts;
    }
    [[nodiscard]] std::uint64_t ticks() const
    {
        std::lock_guard lock(m_mutex);
        return m_ticks;
    }
    /// Waits until a tick after @p seen, a lift after @p lifts, or PACE_BOUND.
    /// @return the tick count now, or nullopt when the card was lifted.
    std::optional<std::uint64_t> await(std::uint64_t seen, std::uint64_t lifts)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, PACE_BOUND, [&] { return m_ticks > seen || m_lifts != lifts; });
        if (m_lifts != lifts)
            return std::nullopt;
        return m_ticks;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::uint64_t m_ticks = 0;
    std::uint64_t m_lifts = 0;
};

namespace {

    /// A test card whose file reads follow the scenario's fake time (see place_card()).
    class PacedCard final : public drivers::CardEmul {
    public:
        PacedCard(std::unique_ptr<drivers::CardEmul> card, std::shared_ptr<CardPacer> pacer)
            : m_card(std::move(card))
            , m_pacer(std::move(pacer))
            , m_lifts(m_pacer->lifts())
            , m_seen(m_pacer->ticks())
        {
        }
        [[nodiscard]] bool present() const override { return m_card->present(); }
        [[nodiscard]] Bytes uid() const override { return m_card->uid(); }
        [[nodiscard]] Bytes historical_bytes() const override { return m_card->historical_bytes(); }
        [[nodiscard]] bool extended_length() const override { return m_card->extended_length(); }
        void power_up() override { m_card->power_up(); }
        std::optional<Bytes> respond(ByteView command) override
        {
            // Under secure messaging (CLA b3-b4 set), READ BINARY (B0, B1): file data.
            bool const protected_read
                = command.size() >= 2 && (command[0] & 0x0CU) == 0x0CU && (command[1] == 0xB0 || command[1] == 0xB1);
            if (protected_read) {
                auto const now = m_pacer->await(m_seen, m_lifts);
                if (!now)
                    return std::nullopt;
                m_seen = *now;
            }
            return m_card->respond(command);
        }

    private:
        std::unique_ptr<drivers::CardEmul> m_card;
        std::shared_ptr<CardPacer> m_pacer;
        std::uint64_t m_lifts;
        std::uint64_t m_seen;
    };

} // namespace

void SimScenarioHooks::advance(std::chrono::milliseconds step)
{
    m_clock.advance(step);
    if (m_pacer)
        m_pacer->tick();
}

Expected<void, std::string> SimScenarioHooks::place_card(std::string_view persona)
{
    auto* reader = emulated_reader(m_board);
    if (reader == nullptr)
        return Unexpected(std::string(
            "card: the board's card reader is not the emulated PN532 (connection = \"pn532_emul:\" in [card_reader])"));
#if defined(KIOSK_HAVE_TEST_CARDS)
    if (id::find_persona(persona) == nullptr)
        return Unexpected("card: no persona '" + std::string(persona) + "' (known: " + persona_names() + ")");
    auto card = test::make_test_card("persona:" + std::string(persona));
    if (!card)
        return Unexpected("card: the card of persona '" + std::string(persona) + "' could not be made");
    if (!m_pacer)
        m_pacer = std::make_shared<CardPacer>();
    auto& emulator = reader->emulator();
    auto const selections = emulator.selections();
    emulator.place(std::make_unique<PacedCard>(std::move(card), m_pacer));
    if (!emulator.wait_for_progress(0, selections + 1, CARD_BOUND))
        return Unexpected(std::string("card: the kiosk did not pick the card up within 5 s (the reader is read while "
                                      "the \"place your card\" screen is open)"));
    return {};
#else
    (void)persona_names;
    return Unexpected(std::string("card: this build has no test cards (configure with tests on)"));
#endif
}

Expected<void, std::string> SimScenarioHooks::remove_card()
{
    auto* reader = emulated_reader(m_board);
    if (reader == nullptr)
        return Unexpected(std::string("remove-card: the board's card reader is not the emulated PN532 (connection = "
                                      "\"pn532_emul:\" in [card_reader])"));
    if (!reader->emulator().card_in_field())
        return Unexpected(std::string("remove-card: there is no card on the reader"));
    if (m_pacer)
        m_pacer->lift();
    reader->emulator().lift();
    return {};
}

Expected<void, std::string> SimScenarioHooks::printer_sensor(std::string_view action, long after_bytes)
{
    auto* escpos = dynamic_cast<drivers::EscPosPrinter*>(m_board.printer());
    auto* emul = escpos != nullptr ? dynamic_cast<drivers::EscPosPrinterEmul*>(&escpos->channel()) : nullptr;
    if (emul == nullptr)
        return Unexpected("printer " + std::string(action)
            + ": the board's printer is not the ESC/POS emulator (connection = \"emul:\" in [printer])");
    hal::PrinterStatus status = emul->status();
    if (action == "paper-out" || action == "cover-open") {
        auto const fault = action == "paper-out" ? drivers::EscPosPrinterEmul::Fault::paper_end
                                                 : drivers::EscPosPrinterEmul::Fault::cover_open;
        if (after_bytes >= 0) {
            emul->inject_fault(static_cast<std::size_t>(after_bytes), fault);
            return {};
        }
        if (action == "paper-out")
            status.paper = hal::PaperLevel::end;
        else
            status.cover_open = true;
    } else if (action == "paper-in") {
        status.paper = hal::PaperLevel::ok;
    } else if (action == "cover-close") {
        status.cover_open = false;
    } else {
        return Unexpected("printer " + std::string(action) + ": unknown sensor change");
    }
    emul->set_status(status);
    return {};
}

} // namespace kiosk::apps
