// SPDX-License-Identifier: MIT
// The card reader contract run against the role-level simulator.
#include <nfc/sim_card_reader.hpp>

#include <memory>
#include <utility>

#include "contract/card_reader_contract.hpp"

namespace drivers = kiosk::drivers;

TEST_GROUP(SimCardReader)
{
    std::unique_ptr<drivers::SimCardReader> m_reader = drivers::SimCardReader::create();

    kiosk::hal::CardReader& reader() const { return *m_reader; }
    void place_card(kiosk::contract::TestCard card) const
    {
        m_reader->place_card(drivers::SimCard { std::move(card.info), std::move(card.respond) });
    }
    void remove_card() const { m_reader->remove_card(); }
};

KIOSK_CARD_READER_CONTRACT(SimCardReader)
