// SPDX-License-Identifier: MIT
#pragma once

#include "nfc/card_emul.hpp"
#include "nfc/libnfc_card_reader.hpp"
#include "nfc/pn532_uart_emul.hpp"

#include <kiosk/hal/card_reader.hpp>

#include <memory>

namespace kiosk::drivers {

/// The sim board's card reader: a Pn532UartEmul on a pty, opened through LibnfcCardReader and
/// libnfc's real pn532_uart driver, so demos and scenarios exercise the real reader code.
/// The CardReader methods forward to the LibnfcCardReader (same semantics); emulator()
/// places and lifts cards (the scenario's `card PERSONA` / `remove-card` steps).
class EmulatedPn532Reader final : public hal::CardReader {
public:
    /// Starts the emulator (with @p card in its field, if any) and opens it through libnfc.
    /// @return Errc::io if no pty can be made, Errc::not_found / io if libnfc cannot open it.
    static Result<std::unique_ptr<EmulatedPn532Reader>> open(std::unique_ptr<CardEmul> card);

    ~EmulatedPn532Reader() override;
    EmulatedPn532Reader(EmulatedPn532Reader const&) = delete;
    EmulatedPn532Reader& operator=(EmulatedPn532Reader const&) = delete;
    EmulatedPn532Reader(EmulatedPn532Reader&&) = delete;
    EmulatedPn532Reader& operator=(EmulatedPn532Reader&&) = delete;

    /// The emulated chip and its field. Thread-safe (see Pn532UartEmul).
    [[nodiscard]] Pn532UartEmul& emulator() const noexcept { return *m_emul; }

    Result<std::string> self_test() override { return m_reader->self_test(); }
    Result<std::optional<hal::CardInfo>> wait_for_card(std::chrono::milliseconds timeout) override
    {
        return m_reader->wait_for_card(timeout);
    }
    Result<Bytes> transmit(ByteView command, std::chrono::milliseconds timeout) override
    {
        return m_reader->transmit(command, timeout);
    }
    Result<bool> card_present() override { return m_reader->card_present(); }
    Result<bool> wait_for_removal(std::chrono::milliseconds timeout) override
    {
        return m_reader->wait_for_removal(timeout);
    }
    void release() override { m_reader->release(); }
    void cancel() override { m_reader->cancel(); }

private:
    EmulatedPn532Reader(std::unique_ptr<Pn532UartEmul> emul, std::unique_ptr<LibnfcCardReader> reader);

    // The reader is declared last so it closes (idling the chip) before the emulator stops.
    std::unique_ptr<Pn532UartEmul> m_emul;
    std::unique_ptr<LibnfcCardReader> m_reader;
};

} // namespace kiosk::drivers
