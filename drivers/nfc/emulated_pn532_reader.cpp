// SPDX-License-Identifier: MIT
#include "nfc/emulated_pn532_reader.hpp"

#include <utility>

namespace kiosk::drivers {

Result<std::unique_ptr<EmulatedPn532Reader>> EmulatedPn532Reader::open(std::unique_ptr<CardEmul> card)
{
    auto emul = KIOSK_TRY(Pn532UartEmul::open());
    if (card)
        emul->place(std::move(card));
    auto reader = KIOSK_TRY(LibnfcCardReader::open(emul->connection_string()));
    return std::unique_ptr<EmulatedPn532Reader>(new EmulatedPn532Reader(std::move(emul), std::move(reader)));
}

EmulatedPn532Reader::EmulatedPn532Reader(std::unique_ptr<Pn532UartEmul> emul, std::unique_ptr<LibnfcCardReader> reader)
    : m_emul(std::move(emul))
    , m_reader(std::move(reader))
{
}

EmulatedPn532Reader::~EmulatedPn532Reader()
{
    m_reader.reset();
    m_emul.reset();
}

} // namespace kiosk::drivers
