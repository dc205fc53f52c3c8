// SPDX-License-Identifier: MIT
#include "nfc/pn532_uart_emul.hpp"

#include "common/bounded_timeout.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdlib> // posix_openpt, grantpt, unlockpt, ptsname_r
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

// PN532 command codes (User Manual §7).
constexpr std::uint8_t DIAGNOSE = 0x00;
constexpr std::uint8_t GET_FIRMWARE_VERSION = 0x02;
constexpr std::uint8_t GET_GENERAL_STATUS = 0x04;
constexpr std::uint8_t READ_REGISTER = 0x06;
constexpr std::uint8_t WRITE_REGISTER = 0x08;
constexpr std::uint8_t READ_GPIO = 0x0C;
constexpr std::uint8_t WRITE_GPIO = 0x0E;
constexpr std::uint8_t SET_SERIAL_BAUD_RATE = 0x10;
constexpr std::uint8_t SET_PARAMETERS = 0x12;
constexpr std::uint8_t SAM_CONFIGURATION = 0x14;
constexpr std::uint8_t POWER_DOWN = 0x16;
constexpr std::uint8_t RF_CONFIGURATION = 0x32;
constexpr std::uint8_t IN_DATA_EXCHANGE = 0x40;
constexpr std::uint8_t IN_COMMUNICATE_THRU = 0x42;
constexpr std::uint8_t IN_DESELECT = 0x44;
constexpr std::uint8_t IN_JUMP_FOR_PSL = 0x46;
constexpr std::uint8_t IN_LIST_PASSIVE_TARGET = 0x4A;
constexpr std::uint8_t IN_PSL = 0x4E;
constexpr std::uint8_t IN_ATR = 0x50;
constexpr std::uint8_t IN_RELEASE = 0x52;
constexpr std::uint8_t IN_SELECT = 0x54;
constexpr std::uint8_t IN_JUMP_FOR_DEP = 0x56;
constexpr std::uint8_t IN_AUTO_POLL = 0x60;

// Status bytes of the In* commands.
constexpr std::uint8_t STATUS_OK = 0x00;
constexpr std::uint8_t STATUS_TIMEOUT = 0x01; // the target did not answer (it left the field)
constexpr std::uint8_t STATUS_MI = 0x40;      // more information follows (InDataExchange chaining)
constexpr std::uint8_t STATUS_NOT_NOW = 0x27; // the command is not acceptable in this context

// InListPassiveTarget BrTy and InAutoPoll target types.
constexpr std::uint8_t BRTY_106A = 0x00;
constexpr std::uint8_t BRTY_106B = 0x03;
constexpr std::uint8_t PTT_GENERIC_106 = 0x00;
constexpr std::uint8_t PTT_MIFARE = 0x10;
constexpr std::uint8_t PTT_ISO14443_4A = 0x20;
constexpr std::uint8_t PTT_ISO14443_4B = 0x23;

/// Largest data an InDataExchange answer frame carries after its status byte: libnfc's
/// receive buffer is 264 bytes (PN53x_EXTENDED_FRAME__DATA_MAX_LEN).
constexpr std::size_t MAX_EXCHANGE_DATA = 262;
/// Largest INF field of an ISO-DEP block the card sends: FSD 256 less PCB and CRC.
constexpr std::size_t MAX_BLOCK_INF = 253;
/// InAutoPoll period unit.
constexpr std::chrono::milliseconds POLL_PERIOD_UNIT { 150 };

void close_fd(int& fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

Result<std::unique_ptr<Pn532UartEmul>> Pn532UartEmul::open()
{
    int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        return fail(Errc::io, "opening a pseudo terminal for the PN532 emulator", errno);
    std::array<char, 128> name {};
    if (::grantpt(master) != 0 || ::unlockpt(master) != 0 || ::ptsname_r(master, name.data(), name.size()) != 0) {
        int const error = errno;
        ::close(master);
        return fail(Errc::io, "setting up the PN532 emulator's pseudo terminal", error);
    }
    // The emulator keeps the slave side open itself: without it the master reports a hang-up
    // whenever the host has the port closed (between libnfc's scan and open, for instance).
    int slave = ::open(name.data(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0) {
        int const error = errno;
        ::close(master);
        return fail(Errc::io, "opening the PN532 emulator's pty slave", error);
    }
    termios settings {};
    if (::tcgetattr(slave, &settings) == 0) {
        ::cfmakeraw(&settings);
        ::cfsetspeed(&settings, B115200);
        ::tcsetattr(slave, TCSANOW, &settings);
    }
    int const flags = ::fcntl(master, F_GETFL);
    ::fcntl(master, F_SETFL, flags | O_NONBLOCK);
    int wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake < 0) {
        int const error = errno;
        ::close(slave);
        ::close(master);
        return fail(Errc::io, "creating the PN532 emulator's wake-up event", error);
    }
    auto emul = std::unique_ptr<Pn532UartEmul>(new Pn532UartEmul(master, slave, wake, name.data()));
    emul->m_worker = std::thread([raw = emul.get()] { raw->run(); });
    return emul;
}

Pn532UartEmul::Pn532UartEmul(int master_fd, int slave_fd, int wake_fd, std::string device_path)
    : m_master_fd(master_fd)
    , m_slave_fd(slave_fd)
    , m_wake_fd(wake_fd)
    , m_device_path(std::move(device_path))
{
}

Pn532UartEmul::~Pn532UartEmul()
{
    unplug();
    close_fd(m_wake_fd);
}

void Pn532UartEmul::unplug()
{
    std::lock_guard lock(m_unplug_mutex);
    m_stop = true;
    wake();
    if (m_worker.joinable() && m_worker.get_id() != std::this_thread::get_id())
        m_worker.join();
    close_fd(m_master_fd);
    close_fd(m_slave_fd);
}

void Pn532UartEmul::wake() const
{
    if (m_wake_fd < 0)
        return;
    std::uint64_t const one = 1;
    // A full counter already means "wake up"; nothing to do if the write fails.
    [[maybe_unused]] auto written = ::write(m_wake_fd, &one, sizeof one);
}

void Pn532UartEmul::notify_progress()
{
    // Taking the lock orders the counter update before a waiter's predicate check.
    { std::lock_guard lock(m_progress_mutex); }
    m_progress.notify_all();
}

bool Pn532UartEmul::wait_for_progress(std::uint64_t commands, std::uint64_t selections, std::chrono::milliseconds bound) const
{
    std::unique_lock lock(m_progress_mutex);
    return m_progress.wait_for(lock, bounded_timeout(bound), [&] {
        return m_commands.load() >= commands && m_selections.load() >= selections;
    });
}

void Pn532UartEmul::place(std::unique_ptr<CardEmul> card, hal::CardTechnology technology)
{
    {
        std::lock_guard lock(m_mutex);
        m_field = FieldCard { std::shared_ptr<CardEmul>(std::move(card)), technology, ++m_arrivals };
    }
    wake();
}

void Pn532UartEmul::lift()
{
    std::shared_ptr<CardEmul> leaving;
    {
        std::lock_guard lock(m_mutex);
        if (m_field)
            leaving = std::move(m_field->card); // destroyed here, or by the worker if it holds it
        m_field.reset();
    }
    wake();
}

bool Pn532UartEmul::card_in_field() const
{
    std::lock_guard lock(m_mutex);
    return m_field.has_value();
}

void Pn532UartEmul::inject_fault(Fault fault)
{
    std::lock_guard lock(m_mutex);
    m_fault = fault;
}

void Pn532UartEmul::run()
{
    std::array<std::uint8_t, 1024> buffer {};
    while (!m_stop) {
        int timeout_ms = -1;
        if (m_auto_poll_deadline) {
            auto const left = std::chrono::ceil<std::chrono::milliseconds>(
                *m_auto_poll_deadline - std::chrono::steady_clock::now());
            timeout_ms = static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(left.count(), 0, INT_MAX));
        }
        std::array<pollfd, 2> fds { pollfd { m_master_fd, POLLIN, 0 }, pollfd { m_wake_fd, POLLIN, 0 } };
        int const ready = ::poll(fds.data(), fds.size(), timeout_ms);
        if (ready < 0 && errno != EINTR)
            break;
        if ((fds[1].revents & POLLIN) != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] auto got = ::read(m_wake_fd, &count, sizeof count);
        }
        if (m_stop)
            break;
        if ((fds[0].revents & POLLIN) != 0) {
            auto const got = ::read(m_master_fd, buffer.data(), buffer.size());
            if (got > 0)
                handle_bytes(ByteView(buffer.data(), static_cast<std::size_t>(got)));
        }
        try_answer_auto_poll();
    }
}

void Pn532UartEmul::handle_bytes(ByteView bytes)
{
    m_parser.feed(bytes);
    while (auto frame = m_parser.next())
        handle_frame(*frame);
}

void Pn532UartEmul::handle_frame(pn532::Frame const& frame)
{
    switch (frame.kind) {
    case pn532::FrameKind::ack:
        // From the host an ACK aborts the running command (libnfc's nfc_abort_command()).
        m_auto_poll_deadline.reset();
        return;
    case pn532::FrameKind::nack:
        if (!m_last_response_frame.empty())
            write_all(m_last_response_frame);
        return;
    case pn532::FrameKind::error:
    case pn532::FrameKind::bad_checksum:
        // The PN532 ignores frames it cannot read; the host times out and retries.
        return;
    case pn532::FrameKind::information:
        break;
    }
    if (frame.tfi != pn532::TFI_HOST_TO_PN532 || frame.payload.empty())
        return;
    write_all(pn532::ack_frame());
    ++m_commands;
    notify_progress();
    // A new command ends a pending InAutoPoll, as on the chip.
    m_auto_poll_deadline.reset();
    std::uint8_t const code = frame.payload[0];
    bool const card_exchange = code == IN_DATA_EXCHANGE || code == IN_COMMUNICATE_THRU;
    if (code == IN_AUTO_POLL) {
        auto answer = in_auto_poll(frame.payload);
        if (answer)
            send_response(code, *answer, false);
        return;
    }
    auto answer = execute(frame.payload);
    if (!answer) {
        m_last_response_frame = pn532::error_frame();
        write_all(m_last_response_frame);
        return;
    }
    send_response(code, *answer, card_exchange);
}

void Pn532UartEmul::send_response(std::uint8_t command_code, Bytes const& data, bool card_exchange)
{
    Bytes payload;
    payload.reserve(data.size() + 1);
    payload.push_back(static_cast<std::uint8_t>(command_code + 1));
    payload.insert(payload.end(), data.begin(), data.end());
    Bytes frame = pn532::encode_information_frame(pn532::TFI_PN532_TO_HOST, payload);
    m_last_response_frame = frame;
    Fault fault = Fault::none;
    if (card_exchange) {
        std::lock_guard lock(m_mutex);
        fault = std::exchange(m_fault, Fault::none);
    }
    switch (fault) {
    case Fault::none:
        break;
    case Fault::truncated_frame:
        frame.resize(frame.size() / 2);
        break;
    case Fault::bad_checksum:
        frame[frame.size() - 2] ^= 0x5AU;
        break;
    case Fault::garbage:
        frame.assign({ 0x13, 0x37, 0xC0, 0xDE, 0x55, 0xAA, 0x01, 0x02 });
        break;
    }
    write_all(frame);
}

void Pn532UartEmul::write_all(ByteView bytes)
{
    std::size_t done = 0;
    while (done < bytes.size() && !m_stop) {
        auto const wrote = ::write(m_master_fd, bytes.data() + done, bytes.size() - done);
        if (wrote > 0) {
            done += static_cast<std::size_t>(wrote);
            continue;
        }
        if (wrote < 0 && errno != EAGAIN && errno != EINTR)
            return;
        // The pty buffer is full: wait (bounded) until the host reads, or give up.
        pollfd out { m_master_fd, POLLOUT, 0 };
        if (::poll(&out, 1, 1000) <= 0)
            return;
    }
}

std::optional<Bytes> Pn532UartEmul::execute(Bytes const& command)
{
    std::uint8_t const code = command[0];
    ByteView const args = ByteView(command).subspan(1);
    switch (code) {
    case DIAGNOSE:
        if (args.empty())
            return std::nullopt;
        if (args[0] == 0x00) // communication line test: echo
            return Bytes(args.begin(), args.end());
        if (args[0] == 0x06) // card presence
            return Bytes { active_card() ? STATUS_OK : STATUS_TIMEOUT };
        return Bytes { STATUS_OK };
    case GET_FIRMWARE_VERSION:
        // IC PN532, firmware 1.6, supports ISO 14443 A, B and ISO 18092.
        return Bytes { 0x32, 0x01, 0x06, 0x07 };
    case GET_GENERAL_STATUS: {
        bool const active = active_card().has_value();
        Bytes status { 0x00, 0x01, static_cast<std::uint8_t>(active ? 1 : 0) };
        if (active)
            status.insert(status.end(), { 0x01, 0x00, 0x00, 0x00 });
        status.push_back(0x00); // SAM status
        return status;
    }
    case READ_REGISTER: {
        if (args.empty() || args.size() % 2 != 0)
            return std::nullopt;
        Bytes values;
        for (std::size_t i = 0; i + 1 < args.size(); i += 2)
            values.push_back(m_registers[(static_cast<std::size_t>(args[i]) << 8U) | args[i + 1]]);
        return values;
    }
    case WRITE_REGISTER:
        if (args.empty() || args.size() % 3 != 0)
            return std::nullopt;
        for (std::size_t i = 0; i + 2 < args.size(); i += 3)
            m_registers[(static_cast<std::size_t>(args[i]) << 8U) | args[i + 1]] = args[i + 2];
        return Bytes {};
    case READ_GPIO:
        return Bytes { 0xFF, 0xFF, 0x00 };
    case WRITE_GPIO:
    case SET_SERIAL_BAUD_RATE:
    case SET_PARAMETERS:
    case SAM_CONFIGURATION:
        return Bytes {};
    case POWER_DOWN:
        return Bytes { STATUS_OK };
    case RF_CONFIGURATION:
        if (args.empty())
            return std::nullopt;
        // CfgItem 1, bit 0: RF field on. Switching the field off powers every card down.
        if (args[0] == 0x01 && args.size() >= 2 && (args[1] & 0x01U) == 0)
            field_reset();
        return Bytes {};
    case IN_LIST_PASSIVE_TARGET:
        return in_list_passive_target(command);
    case IN_DATA_EXCHANGE:
        return in_data_exchange(command);
    case IN_COMMUNICATE_THRU:
        return in_communicate_thru(command);
    case IN_DESELECT:
    case IN_RELEASE:
        if (m_active_arrival)
            m_halted_arrival = m_active_arrival;
        m_active_arrival.reset();
        m_pending_mi.clear();
        m_iso_dep_command.clear();
        m_iso_dep_answer.clear();
        return Bytes { STATUS_OK };
    case IN_SELECT: {
        std::lock_guard lock(m_mutex);
        if (m_field && m_halted_arrival == m_field->arrival) {
            m_active_arrival = m_halted_arrival;
            m_halted_arrival.reset();
            return Bytes { STATUS_OK };
        }
        return Bytes { STATUS_TIMEOUT };
    }
    case IN_JUMP_FOR_DEP:
    case IN_JUMP_FOR_PSL:
    case IN_ATR:
    case IN_PSL:
        // No NFC-DEP peer in this field.
        return Bytes { STATUS_TIMEOUT };
    default:
        return std::nullopt;
    }
}

void Pn532UartEmul::field_reset()
{
    m_active_arrival.reset();
    m_halted_arrival.reset();
    m_pending_mi.clear();
    m_iso_dep_command.clear();
    m_iso_dep_answer.clear();
}

std::optional<Pn532UartEmul::FieldCard> Pn532UartEmul::activate(hal::CardTechnology technology)
{
    std::optional<FieldCard> chosen;
    {
        std::lock_guard lock(m_mutex);
        if (!m_field || m_field->technology != technology || m_halted_arrival == m_field->arrival)
            return std::nullopt;
        chosen = *m_field;
    }
    // CardEmul methods run on this thread without the lock: the card may call lift().
    if (!chosen->card->present())
        return std::nullopt;
    chosen->card->power_up();
    m_active_arrival = chosen->arrival;
    m_active_technology = technology;
    ++m_selections;
    notify_progress();
    m_pending_mi.clear();
    m_iso_dep_command.clear();
    m_iso_dep_answer.clear();
    m_iso_dep_answer_sent = 0;
    m_iso_dep_last_block = { 0xA3 }; // before any block: as if block number 1 was last
    return chosen;
}

std::optional<Pn532UartEmul::FieldCard> Pn532UartEmul::active_card() const
{
    std::optional<FieldCard> card;
    {
        std::lock_guard lock(m_mutex);
        if (!m_active_arrival || !m_field || m_field->arrival != *m_active_arrival)
            return std::nullopt;
        card = *m_field;
    }
    if (!card->card->present())
        return std::nullopt;
    return card;
}

Bytes Pn532UartEmul::target_data(FieldCard const& card) const
{
    Bytes uid = card.card->uid();
    Bytes const historical = card.card->historical_bytes();
    Bytes data { 0x01 }; // Tg
    if (card.technology == hal::CardTechnology::iso14443a) {
        data.push_back(0x00);                                                   // SENS_RES (ATQA)
        data.push_back(uid.size() == 7 ? 0x44 : 0x04);                           //
        data.push_back(0x20);                                                   // SEL_RES: ISO 14443-4
        data.push_back(static_cast<std::uint8_t>(uid.size()));                  // NFCIDLength
        data.insert(data.end(), uid.begin(), uid.end());                       //
        data.push_back(static_cast<std::uint8_t>(5 + historical.size()));       // ATS: TL
        data.insert(data.end(), { 0x78, 0x00, 0x80, 0x00 });                    // T0 (FSCI 8), TA, TB (FWI 8), TC
        data.insert(data.end(), historical.begin(), historical.end());
    } else {
        uid.resize(4, 0x00);
        Bytes application = historical;
        application.resize(4, 0x00);
        data.push_back(0x50); // ATQB
        data.insert(data.end(), uid.begin(), uid.end());
        data.insert(data.end(), application.begin(), application.end());
        data.insert(data.end(), { 0x00, 0x81, 0x80 }); // protocol info: FSCI 8, ISO 14443-4, FWI 8
        data.insert(data.end(), { 0x01, 0x00 });       // ATTRIB_RES: length 1, MBLI/CID 0
    }
    return data;
}

std::optional<Bytes> Pn532UartEmul::in_list_passive_target(Bytes const& command)
{
    if (command.size() < 3)
        return std::nullopt;
    std::uint8_t const baud_type = command[2];
    std::optional<FieldCard> card;
    if (baud_type == BRTY_106A)
        card = activate(hal::CardTechnology::iso14443a);
    else if (baud_type == BRTY_106B)
        card = activate(hal::CardTechnology::iso14443b);
    if (!card)
        return Bytes { 0x00 };
    Bytes answer { 0x01 };
    Bytes const data = target_data(*card);
    answer.insert(answer.end(), data.begin(), data.end());
    return answer;
}

std::optional<Bytes> Pn532UartEmul::in_auto_poll(Bytes const& command)
{
    if (command.size() < 4)
        return Bytes { 0x00 };
    std::uint8_t const poll_count = command[1];
    std::uint8_t const period = command[2];
    m_auto_poll_types.assign(command.begin() + 3, command.end());
    auto const now = std::chrono::steady_clock::now();
    if (poll_count == 0xFF)
        m_auto_poll_deadline = now + std::chrono::hours(24 * 365);
    else
        m_auto_poll_deadline = now + POLL_PERIOD_UNIT * (static_cast<int>(poll_count) * std::max<int>(period, 1));
    try_answer_auto_poll();
    return std::nullopt; // answered by try_answer_auto_poll(), now or later
}

void Pn532UartEmul::try_answer_auto_poll()
{
    if (!m_auto_poll_deadline)
        return;
    for (auto type : m_auto_poll_types) {
        std::optional<FieldCard> card;
        if (type == PTT_GENERIC_106 || type == PTT_MIFARE || type == PTT_ISO14443_4A)
            card = activate(hal::CardTechnology::iso14443a);
        else if (type == PTT_ISO14443_4B || type == BRTY_106B)
            card = activate(hal::CardTechnology::iso14443b);
        if (!card)
            continue;
        Bytes const data = target_data(*card);
        Bytes answer { 0x01, type, static_cast<std::uint8_t>(data.size()) };
        answer.insert(answer.end(), data.begin(), data.end());
        m_auto_poll_deadline.reset();
        send_response(IN_AUTO_POLL, answer, false);
        return;
    }
    if (std::chrono::steady_clock::now() >= *m_auto_poll_deadline) {
        m_auto_poll_deadline.reset();
        send_response(IN_AUTO_POLL, Bytes { 0x00 }, false);
    }
}

std::optional<Bytes> Pn532UartEmul::exchange_apdu(FieldCard const& card, ByteView apdu)
{
    auto answer = card.card->respond(apdu);
    // A card lifted (or replaced) while it was answering never got its answer out.
    if (!active_card())
        return std::nullopt;
    return answer;
}

Bytes Pn532UartEmul::in_data_exchange(Bytes const& command)
{
    if (command.size() < 2 || (command[1] & 0x3FU) != 0x01)
        return { STATUS_NOT_NOW };
    auto card = active_card();
    if (!card) {
        m_pending_mi.clear();
        return { m_active_arrival ? STATUS_TIMEOUT : STATUS_NOT_NOW };
    }
    if (m_pending_mi.empty() || command.size() > 2) {
        m_pending_mi.clear();
        auto answer = exchange_apdu(*card, ByteView(command).subspan(2));
        if (!answer)
            return { STATUS_TIMEOUT };
        m_pending_mi = std::move(*answer);
    }
    // Long answers go out in MI-chained pieces; the host asks for each with an empty
    // InDataExchange (libnfc does this in pn53x_transceive()).
    std::size_t const chunk = std::min(m_pending_mi.size(), MAX_EXCHANGE_DATA);
    bool const more = chunk < m_pending_mi.size();
    Bytes response { static_cast<std::uint8_t>(more ? STATUS_MI : STATUS_OK) };
    response.insert(response.end(), m_pending_mi.begin(), m_pending_mi.begin() + static_cast<std::ptrdiff_t>(chunk));
    m_pending_mi.erase(m_pending_mi.begin(), m_pending_mi.begin() + static_cast<std::ptrdiff_t>(chunk));
    return response;
}

Bytes Pn532UartEmul::in_communicate_thru(Bytes const& command)
{
    auto card = active_card();
    if (!card || command.size() < 2) {
        m_iso_dep_command.clear();
        m_iso_dep_answer.clear();
        return { STATUS_TIMEOUT };
    }
    ByteView const block = ByteView(command).subspan(1);
    std::uint8_t const pcb = block[0];
    std::size_t header = 1;
    if ((pcb & 0x08U) != 0)
        ++header; // CID
    auto const block_number = static_cast<std::uint8_t>(pcb & 0x01U);

    auto send_block = [this](std::uint8_t number) -> Bytes {
        std::size_t const left = m_iso_dep_answer.size() - m_iso_dep_answer_sent;
        std::size_t const chunk = std::min(left, MAX_BLOCK_INF);
        bool const more = chunk < left;
        Bytes out { static_cast<std::uint8_t>(0x02U | (more ? 0x10U : 0x00U) | number) };
        auto const first = m_iso_dep_answer.begin() + static_cast<std::ptrdiff_t>(m_iso_dep_answer_sent);
        out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(chunk));
        m_iso_dep_answer_sent += chunk;
        if (!more) {
            m_iso_dep_answer.clear();
            m_iso_dep_answer_sent = 0;
        }
        m_iso_dep_last_block = out;
        Bytes response { STATUS_OK };
        response.insert(response.end(), out.begin(), out.end());
        return response;
    };

    if ((pcb & 0xE2U) == 0x02U) {
        // I-block: (part of) a command APDU.
        if ((pcb & 0x04U) != 0)
            ++header; // NAD
        if (block.size() < header)
            return { STATUS_TIMEOUT };
        if (!m_iso_dep_answer.empty()) {
            // A new command while the card was still chaining its answer: that answer is dropped.
            m_iso_dep_answer.clear();
            m_iso_dep_answer_sent = 0;
        }
        m_iso_dep_command.insert(m_iso_dep_command.end(), block.begin() + static_cast<std::ptrdiff_t>(header), block.end());
        if ((pcb & 0x10U) != 0) {
            m_iso_dep_last_block = { static_cast<std::uint8_t>(0xA2U | block_number) };
            return { STATUS_OK, m_iso_dep_last_block[0] };
        }
        Bytes const apdu = std::exchange(m_iso_dep_command, Bytes {});
        auto answer = exchange_apdu(*card, apdu);
        if (!answer)
            return { STATUS_TIMEOUT };
        m_iso_dep_answer = std::move(*answer);
        m_iso_dep_answer_sent = 0;
        if (m_iso_dep_answer.empty())
            m_iso_dep_answer.push_back(0x6F); // a card always answers something; keep the block non-empty
        return send_block(block_number);
    }
    if ((pcb & 0xE6U) == 0xA2U) {
        bool const nak = (pcb & 0x10U) != 0;
        if (!nak && !m_iso_dep_answer.empty())
            return send_block(block_number); // R(ACK): the next piece of a chained answer
        if (nak) {
            // R(NAK), also libnfc's presence check: answer R(ACK) with the current block number.
            auto const current = static_cast<std::uint8_t>(m_iso_dep_last_block.empty() ? 0 : m_iso_dep_last_block[0] & 0x01U);
            return { STATUS_OK, static_cast<std::uint8_t>(0xA2U | current) };
        }
        Bytes response { STATUS_OK };
        response.insert(response.end(), m_iso_dep_last_block.begin(), m_iso_dep_last_block.end());
        return response;
    }
    if ((pcb & 0xF7U) == 0xC2U) {
        // S(DESELECT): the card answers and halts.
        m_halted_arrival = m_active_arrival;
        m_active_arrival.reset();
        m_iso_dep_command.clear();
        m_iso_dep_answer.clear();
        return { STATUS_OK, 0xC2 };
    }
    return { STATUS_TIMEOUT };
}

} // namespace kiosk::drivers
