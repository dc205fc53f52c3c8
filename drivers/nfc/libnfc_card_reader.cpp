// SPDX-License-Identifier: MIT
// The project's only use of libnfc.
#include "nfc/libnfc_card_reader.hpp"

#include "common/bounded_timeout.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include <nfc/nfc.h>

namespace kiosk::drivers {

namespace {

struct ContextDeleter {
    void operator()(nfc_context* context) const noexcept { nfc_exit(context); }
};
struct DeviceDeleter {
    void operator()(nfc_device* device) const noexcept { nfc_close(device); }
};

/// The largest command APDU: extended case 4 (4 + 3 + 65535 + 2).
constexpr std::size_t MAX_COMMAND = 65544;
/// Receive buffer for one block: libnfc's PN53x frame limit.
constexpr std::size_t MAX_BLOCK = 264;
/// FSCI -> FSC (ISO 14443-4 table 1); codes above 8 are treated as 256.
constexpr std::array<std::size_t, 9> FRAME_SIZES { 16, 24, 32, 40, 48, 64, 96, 128, 256 };

std::size_t frame_size_for(unsigned code) { return FRAME_SIZES[std::min<std::size_t>(code, FRAME_SIZES.size() - 1)]; }

/// ISO 14443-4 PCB values (no CID, no NAD).
constexpr std::uint8_t PCB_I = 0x02;
constexpr std::uint8_t PCB_CHAINING = 0x10;
constexpr std::uint8_t PCB_R_ACK = 0xA2;
constexpr std::uint8_t PCB_S_WTX = 0xF2;

bool is_i_block(std::uint8_t pcb) { return (pcb & 0xE2U) == 0x02U; }
bool is_r_ack(std::uint8_t pcb) { return (pcb & 0xF6U) == 0xA2U; }
bool is_s_wtx(std::uint8_t pcb) { return (pcb & 0xF7U) == 0xF2U; }

/// Whether the ATS historical bytes say "extended Lc and Le" (ISO 7816-4 §8.1.1.2.7: card
/// capabilities, compact-TLV tag 7, third byte bit 7).
bool historical_bytes_allow_extended_length(ByteView historical)
{
    if (historical.empty() || (historical[0] != 0x80 && historical[0] != 0x00))
        return false;
    std::size_t end = historical.size();
    if (historical[0] == 0x00) {
        if (end < 4)
            return false;
        end -= 3; // status indicator at the end
    }
    std::size_t at = 1;
    while (at < end) {
        unsigned const tag = historical[at] >> 4U;
        std::size_t const length = historical[at] & 0x0FU;
        if (at + 1 + length > end)
            return false;
        if (tag == 0x7 && length >= 3)
            return (historical[at + 3] & 0x40U) != 0;
        at += 1 + length;
    }
    return false;
}

hal::CardInfo card_info_of(nfc_target const& target, std::size_t& frame_size)
{
    hal::CardInfo info;
    if (target.nm.nmt == NMT_ISO14443A) {
        // libnfc's structs are packed: copy the lengths out before std::min binds references.
        auto const& a = target.nti.nai;
        std::size_t const uid_length = a.szUidLen;
        std::size_t const ats_length_field = a.szAtsLen;
        info.technology = hal::CardTechnology::iso14443a;
        info.uid.assign(a.abtUid, a.abtUid + std::min<std::size_t>(uid_length, sizeof a.abtUid));
        frame_size = 32;
        if (ats_length_field >= 1) {
            std::uint8_t const t0 = a.abtAts[0];
            frame_size = frame_size_for(t0 & 0x0FU);
            std::size_t historical = 1;
            for (unsigned bit : { 0x10U, 0x20U, 0x40U }) {
                if ((t0 & bit) != 0)
                    ++historical;
            }
            std::size_t const ats_length = std::min<std::size_t>(ats_length_field, sizeof a.abtAts);
            if (historical < ats_length)
                info.answer_to_select.assign(a.abtAts + historical, a.abtAts + ats_length);
        }
        info.extended_length = historical_bytes_allow_extended_length(info.answer_to_select);
    } else {
        auto const& b = target.nti.nbi;
        info.technology = hal::CardTechnology::iso14443b;
        info.uid.assign(b.abtPupi, b.abtPupi + sizeof b.abtPupi);
        info.answer_to_select.assign(b.abtApplicationData, b.abtApplicationData + sizeof b.abtApplicationData);
        frame_size = frame_size_for(b.abtProtocolInfo[1] >> 4U);
        info.extended_length = false;
    }
    return info;
}

bool is_iso_dep(nfc_target const& target)
{
    if (target.nm.nmt == NMT_ISO14443A)
        return (target.nti.nai.btSak & 0x20U) != 0;
    // ATQB protocol info, Protocol_Type bit 1: ISO 14443-4 compliant.
    return (target.nti.nbi.abtProtocolInfo[1] & 0x01U) != 0;
}

} // namespace

struct LibnfcCardReader::Handles {
    // Declared in this order so the device closes before its context.
    std::unique_ptr<nfc_context, ContextDeleter> context;
    std::unique_ptr<nfc_device, DeviceDeleter> device;
};

Result<std::unique_ptr<LibnfcCardReader>> LibnfcCardReader::open(std::string_view connection)
{
    nfc_connstring connstring {};
    if (connection.size() >= sizeof connstring)
        return fail(Errc::invalid_argument, "libnfc connection string too long");
    std::copy(connection.begin(), connection.end(), std::begin(connstring));

    auto handles = std::make_unique<Handles>();
    nfc_context* context = nullptr;
    nfc_init(&context);
    if (context == nullptr)
        return fail(Errc::io, "initialising libnfc");
    handles->context.reset(context);
    handles->device.reset(nfc_open(context, connection.empty() ? nullptr : connstring));
    if (!handles->device)
        return fail(Errc::not_found, "opening the libnfc device (no reader there, or it is held by another driver)");
    nfc_device* device = handles->device.get();
    if (nfc_initiator_init(device) < 0)
        return fail(Errc::io, "making the NFC reader an initiator");
    // Waits poll in this class (so cancel() and timeouts stay ours), not inside the chip.
    if (nfc_device_set_property_bool(device, NP_INFINITE_SELECT, false) < 0
        || nfc_device_set_property_bool(device, NP_AUTO_ISO14443_4, true) < 0)
        return fail(Errc::io, "configuring the NFC reader");
    std::string name = nfc_device_get_connstring(device);
    return std::unique_ptr<LibnfcCardReader>(new LibnfcCardReader(std::move(handles), std::move(name)));
}

LibnfcCardReader::LibnfcCardReader(std::unique_ptr<Handles> handles, std::string connection)
    : m_handles(std::move(handles))
    , m_connection(std::move(connection))
{
}

LibnfcCardReader::~LibnfcCardReader() = default;

bool LibnfcCardReader::chip_answers()
{
    // RFConfiguration (field on) is a cheap command every PN53x answers at once.
    return nfc_device_set_property_bool(m_handles->device.get(), NP_ACTIVATE_FIELD, true) >= 0;
}

Result<std::string> LibnfcCardReader::self_test()
{
    if (m_reader_gone || !chip_answers()) {
        m_reader_gone = true;
        return fail(Errc::disconnected, "the NFC reader does not answer");
    }
    return std::string(nfc_device_get_name(m_handles->device.get())) + " ready (libnfc " + nfc_version() + ")";
}

bool LibnfcCardReader::pause(std::chrono::milliseconds wait, std::uint64_t cancel_at_start)
{
    std::unique_lock lock(m_cancel_mutex);
    return m_cancel_changed.wait_for(
        lock, bounded_timeout(wait), [&] { return m_cancel_count != cancel_at_start; });
}

void LibnfcCardReader::cancel()
{
    {
        std::lock_guard lock(m_cancel_mutex);
        ++m_cancel_count;
    }
    m_cancel_changed.notify_all();
    // Interrupts the chip command the worker is blocked in (libnfc wakes its select() and
    // sends the chip an ACK, which aborts the command).
    if (m_in_command)
        nfc_abort_command(m_handles->device.get());
}

void LibnfcCardReader::forget_card()
{
    m_card.reset();
    m_card_gone = false;
    m_block_number = 0;
}

void LibnfcCardReader::deselect_and_reset_field()
{
    nfc_device* device = m_handles->device.get();
    if (!m_card_gone)
        nfc_initiator_deselect_target(device);
    // A field reset powers the card down, so the next selection starts a new session (a
    // real card that was only deselected stays halted and would not answer the next poll).
    nfc_device_set_property_bool(device, NP_ACTIVATE_FIELD, false);
    nfc_device_set_property_bool(device, NP_ACTIVATE_FIELD, true);
}

void LibnfcCardReader::release()
{
    if (m_card && !m_reader_gone)
        deselect_and_reset_field();
    forget_card();
}

Result<std::optional<hal::CardInfo>> LibnfcCardReader::wait_for_card(std::chrono::milliseconds timeout)
{
    std::uint64_t cancel_at_start = 0;
    {
        std::lock_guard lock(m_cancel_mutex);
        cancel_at_start = m_cancel_count;
    }
    if (m_reader_gone)
        return fail(Errc::disconnected, "waiting for a card: the NFC reader went away");
    release();
    auto const deadline = std::chrono::steady_clock::now() + bounded_timeout(timeout);
    nfc_device* device = m_handles->device.get();
    constexpr std::array MODULATIONS { nfc_modulation { NMT_ISO14443A, NBR_106 }, nfc_modulation { NMT_ISO14443B, NBR_106 } };
    for (;;) {
        for (auto const& modulation : MODULATIONS) {
            nfc_target target {};
            m_in_command = true;
            int const found = nfc_initiator_select_passive_target(device, modulation, nullptr, 0, &target);
            m_in_command = false;
            if (pause(std::chrono::milliseconds(0), cancel_at_start))
                return fail(Errc::cancelled, "waiting for a card");
            if (found < 0) {
                if (found == NFC_EOPABORTED || found == NFC_EDEVNOTSUPP || found == NFC_ETIMEOUT || found == NFC_ERFTRANS)
                    continue; // nothing answered this poll
                if (!chip_answers()) {
                    m_reader_gone = true;
                    return fail(Errc::disconnected, "waiting for a card: the NFC reader went away");
                }
                continue;
            }
            if (found == 0)
                continue;
            if (!is_iso_dep(target)) {
                // A memory card (MIFARE Classic, Ultralight): not ours to read.
                nfc_initiator_deselect_target(device);
                continue;
            }
            m_card = card_info_of(target, m_card_frame_size);
            m_card_gone = false;
            m_block_number = 0;
            return m_card;
        }
        auto const now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return std::optional<hal::CardInfo>();
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        if (pause(std::min(left, POLL_INTERVAL), cancel_at_start))
            return fail(Errc::cancelled, "waiting for a card");
    }
}

Result<bool> LibnfcCardReader::ping_card()
{
    m_in_command = true;
    int const result = nfc_initiator_target_is_present(m_handles->device.get(), nullptr);
    m_in_command = false;
    if (result == NFC_SUCCESS)
        return true;
    if (result == NFC_EOPABORTED)
        return fail(Errc::cancelled, "asking whether the card is present");
    if (result != NFC_ETGRELEASED && result != NFC_EINVARG && !chip_answers()) {
        m_reader_gone = true;
        return fail(Errc::disconnected, "asking whether the card is present: the NFC reader went away");
    }
    return false;
}

Result<bool> LibnfcCardReader::card_present()
{
    if (m_reader_gone)
        return fail(Errc::disconnected, "asking whether the card is present: the NFC reader went away");
    if (!m_card || m_card_gone)
        return false;
    bool const present = KIOSK_TRY(ping_card());
    if (!present)
        m_card_gone = true;
    return present;
}

Result<bool> LibnfcCardReader::wait_for_removal(std::chrono::milliseconds timeout)
{
    std::uint64_t cancel_at_start = 0;
    {
        std::lock_guard lock(m_cancel_mutex);
        cancel_at_start = m_cancel_count;
    }
    auto const deadline = std::chrono::steady_clock::now() + bounded_timeout(timeout);
    for (;;) {
        auto present = card_present();
        if (!present && present.error() == Errc::cancelled)
            return fail(Errc::cancelled, "waiting for the card to be removed");
        if (!present)
            return present;
        if (!*present)
            return true;
        auto const now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return false;
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        if (pause(std::min(left, POLL_INTERVAL), cancel_at_start))
            return fail(Errc::cancelled, "waiting for the card to be removed");
    }
}

Error LibnfcCardReader::classify_failure(int libnfc_error, char const* context)
{
    switch (libnfc_error) {
    case NFC_EOPABORTED:
        return Error(Errc::cancelled, context);
    case NFC_ETGRELEASED:
        m_card_gone = true;
        return Error(Errc::disconnected, context);
    case NFC_ERFTRANS:
    case NFC_ETIMEOUT: {
        // Silent card or card gone? Ask the chip to ping it.
        auto present = ping_card();
        if (!present)
            return present.error();
        if (!*present) {
            m_card_gone = true;
            return Error(Errc::disconnected, context);
        }
        return Error(Errc::timeout, context);
    }
    default:
        if (!chip_answers()) {
            m_reader_gone = true;
            return Error(Errc::disconnected, context);
        }
        return Error(Errc::malformed, context);
    }
}

Result<Bytes> LibnfcCardReader::exchange_block(ByteView block, std::chrono::steady_clock::time_point deadline)
{
    nfc_device* device = m_handles->device.get();
    std::array<std::uint8_t, MAX_BLOCK> received {};
    Bytes sent(block.begin(), block.end());
    for (;;) {
        auto const left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return fail(Errc::timeout, "sending an APDU: the card did not answer in time");
        // Raw ISO 14443-4 blocks: the chip adds and checks the CRC only.
        nfc_device_set_property_bool(device, NP_EASY_FRAMING, false);
        m_in_command = true;
        int const got = nfc_initiator_transceive_bytes(
            device, sent.data(), sent.size(), received.data(), received.size(), static_cast<int>(std::min<long long>(left.count(), 60000)));
        m_in_command = false;
        if (got < 0)
            return Unexpected(classify_failure(got, "sending an APDU"));
        if (got == 0)
            return fail(Errc::malformed, "the card answered an empty ISO 14443-4 block");
        Bytes reply(received.begin(), received.begin() + got);
        if (is_s_wtx(reply[0]) && reply.size() >= 2) {
            // Waiting-time extension: acknowledge it with the same multiplier and keep waiting.
            sent = { PCB_S_WTX, static_cast<std::uint8_t>(reply[1] & 0x3FU) };
            continue;
        }
        return reply;
    }
}

Result<Bytes> LibnfcCardReader::transmit(ByteView command, std::chrono::milliseconds timeout)
{
    if (m_reader_gone)
        return fail(Errc::disconnected, "sending an APDU: the NFC reader went away");
    if (!m_card)
        return fail(Errc::not_found, "sending an APDU: no card selected");
    if (m_card_gone)
        return fail(Errc::disconnected, "sending an APDU: the card left the field");
    if (command.size() < 4 || command.size() > MAX_COMMAND)
        return fail(Errc::invalid_argument, "sending an APDU: a command APDU has 4 to 65544 bytes");
    auto const deadline = std::chrono::steady_clock::now() + bounded_timeout(timeout);

    // Command chaining: pieces of at most FSC - 3 bytes (PCB and CRC count towards FSC).
    std::size_t const piece = std::clamp<std::size_t>(m_card_frame_size, 16, 256) - 3;
    std::size_t offset = 0;
    Bytes reply;
    for (;;) {
        std::size_t const length = std::min(piece, command.size() - offset);
        bool const more = offset + length < command.size();
        Bytes block { static_cast<std::uint8_t>(PCB_I | (more ? PCB_CHAINING : 0U) | m_block_number) };
        block.insert(block.end(), command.begin() + static_cast<std::ptrdiff_t>(offset),
            command.begin() + static_cast<std::ptrdiff_t>(offset + length));
        reply = KIOSK_TRY(exchange_block(block, deadline));
        offset += length;
        if (!more)
            break;
        if (!is_r_ack(reply[0]) || (reply[0] & 0x01U) != m_block_number)
            return fail(Errc::malformed, "the card did not acknowledge a chained command block");
        m_block_number ^= 0x01U;
    }

    // Answer chaining: acknowledge each piece until the last one.
    Bytes answer;
    for (;;) {
        std::uint8_t const pcb = reply[0];
        if (!is_i_block(pcb))
            return fail(Errc::malformed, "the card answered with an unexpected ISO 14443-4 block");
        std::size_t header = 1;
        if ((pcb & 0x08U) != 0)
            ++header;
        if ((pcb & 0x04U) != 0)
            ++header;
        if (reply.size() < header)
            return fail(Errc::malformed, "the card sent a truncated ISO 14443-4 block");
        answer.insert(answer.end(), reply.begin() + static_cast<std::ptrdiff_t>(header), reply.end());
        m_block_number ^= 0x01U;
        if ((pcb & PCB_CHAINING) == 0)
            break;
        if (answer.size() > 65538)
            return fail(Errc::malformed, "the card's answer is longer than any APDU response");
        Bytes const ack { static_cast<std::uint8_t>(PCB_R_ACK | m_block_number) };
        reply = KIOSK_TRY(exchange_block(ack, deadline));
    }
    if (answer.size() < 2)
        return fail(Errc::malformed, "APDU response shorter than a status word");
    return answer;
}

} // namespace kiosk::drivers
