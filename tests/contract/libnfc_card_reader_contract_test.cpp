// SPDX-License-Identifier: MIT
// The card reader contract run against the real driver: LibnfcCardReader -> libnfc's
// pn532_uart driver -> a pseudo terminal -> Pn532UartEmul, whose RF field holds the test's
// card. Only the field is emulated; everything from the PN532 frames up is the real code.
#include <nfc/card_emul.hpp>
#include <nfc/libnfc_card_reader.hpp>
#include <nfc/pn532_uart_emul.hpp>

#include <cstdlib>
#include <functional>
#include <memory>
#include <utility>

#include "contract/card_reader_contract.hpp"

namespace drivers = kiosk::drivers;

namespace {

/// A contract TestCard as the emulator's field sees it.
class ContractCard final : public drivers::CardEmul {
public:
    explicit ContractCard(kiosk::contract::TestCard card)
        : m_card(std::move(card))
    {
    }
    [[nodiscard]] bool present() const override { return true; }
    [[nodiscard]] kiosk::Bytes uid() const override { return m_card.info.uid; }
    [[nodiscard]] kiosk::Bytes historical_bytes() const override { return m_card.info.answer_to_select; }
    [[nodiscard]] bool extended_length() const override { return m_card.info.extended_length; }
    void power_up() override { }
    std::optional<kiosk::Bytes> respond(kiosk::ByteView command) override
    {
        if (!m_card.respond)
            return std::nullopt;
        return m_card.respond(command);
    }

private:
    kiosk::contract::TestCard m_card;
};

std::unique_ptr<drivers::Pn532UartEmul> open_emulator()
{
    // Only the device named here: no scanning of serial ports.
    ::setenv("LIBNFC_INTRUSIVE_SCAN", "false", 1);
    ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
    auto emul = drivers::Pn532UartEmul::open();
    KIOSK_CHECK_OK(emul);
    return std::move(emul).value();
}

std::unique_ptr<drivers::LibnfcCardReader> open_reader(drivers::Pn532UartEmul const& emul)
{
    auto reader = drivers::LibnfcCardReader::open(emul.connection_string());
    KIOSK_CHECK_OK(reader);
    return std::move(reader).value();
}

} // namespace

TEST_GROUP(LibnfcCardReaderOverPn532UartEmul)
{
    std::unique_ptr<drivers::Pn532UartEmul> m_emul = open_emulator();
    std::unique_ptr<drivers::LibnfcCardReader> m_reader = open_reader(*m_emul);

    void teardown() override
    {
        // The reader closes first: libnfc idles the chip through the still-open pty.
        m_reader.reset();
        m_emul.reset();
    }

    kiosk::hal::CardReader& reader() const { return *m_reader; }
    void place_card(kiosk::contract::TestCard card) const
    {
        auto const technology = card.info.technology;
        m_emul->place(std::make_unique<ContractCard>(std::move(card)), technology);
    }
    void remove_card() const { m_emul->lift(); }
};

KIOSK_CARD_READER_CONTRACT(LibnfcCardReaderOverPn532UartEmul)
