// SPDX-License-Identifier: MIT
// Pn532UartEmul spoken to directly over its pty, frame by frame, the way the PN532 User
// Manual describes the host link (libnfc's view is covered by the contract and integration
// suites).
#include <nfc/card_emul.hpp>
#include <nfc/pn532_frame.hpp>
#include <nfc/pn532_uart_emul.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include "contract/contract_support.hpp"

using namespace std::chrono_literals;
using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::drivers::CardEmul;
using kiosk::drivers::Pn532UartEmul;
namespace pn532 = kiosk::drivers::pn532;

namespace {

/// Answers every APDU with @p size bytes of 0x33 then 90 00, and keeps the last command.
class BigAnswerCard final : public CardEmul {
public:
    explicit BigAnswerCard(std::size_t size, Bytes* last_command)
        : m_size(size)
        , m_last_command(last_command)
    {
    }
    [[nodiscard]] bool present() const override { return true; }
    [[nodiscard]] Bytes uid() const override { return { 0x01, 0x02, 0x03, 0x04 }; }
    [[nodiscard]] Bytes historical_bytes() const override { return { 0x80 }; }
    [[nodiscard]] bool extended_length() const override { return true; }
    void power_up() override { }
    std::optional<Bytes> respond(ByteView command) override
    {
        m_last_command->assign(command.begin(), command.end());
        Bytes answer(m_size, 0x33);
        answer.insert(answer.end(), { 0x90, 0x00 });
        return answer;
    }

private:
    std::size_t m_size;
    Bytes* m_last_command;
};

/// The host side of the pty.
class Host {
public:
    explicit Host(std::string const& path)
        : m_fd(::open(path.c_str(), O_RDWR | O_NOCTTY))
    {
        CHECK_TRUE(m_fd >= 0);
    }
    ~Host() { ::close(m_fd); }
    Host(Host const&) = delete;
    Host& operator=(Host const&) = delete;

    void write_bytes(Bytes const& bytes) const
    {
        CHECK_EQUAL(static_cast<long>(bytes.size()), static_cast<long>(::write(m_fd, bytes.data(), bytes.size())));
    }
    void send(Bytes const& payload) const
    {
        write_bytes(pn532::encode_information_frame(pn532::TFI_HOST_TO_PN532, payload));
    }

    /// The next frame from the emulator, or std::nullopt after @p bound.
    std::optional<pn532::Frame> receive(std::chrono::milliseconds bound = 2s)
    {
        auto const deadline = std::chrono::steady_clock::now() + bound;
        for (;;) {
            if (auto frame = m_parser.next())
                return frame;
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left <= 0ms)
                return std::nullopt;
            pollfd fd { m_fd, POLLIN, 0 };
            if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0)
                return std::nullopt;
            std::uint8_t buffer[512];
            auto const got = ::read(m_fd, buffer, sizeof buffer);
            if (got <= 0)
                return std::nullopt;
            m_parser.feed(ByteView(buffer, static_cast<std::size_t>(got)));
        }
    }

    /// Sends @p payload and returns the answer's payload after checking the ACK before it.
    Bytes command(Bytes const& payload)
    {
        send(payload);
        auto ack = receive();
        CHECK_TRUE(ack.has_value());
        CHECK_TRUE(pn532::FrameKind::ack == ack->kind);
        auto answer = receive();
        CHECK_TRUE(answer.has_value());
        CHECK_TRUE(pn532::FrameKind::information == answer->kind);
        CHECK_EQUAL(pn532::TFI_PN532_TO_HOST, answer->tfi);
        CHECK_EQUAL(payload[0] + 1, answer->payload.at(0));
        return answer->payload;
    }

private:
    int m_fd;
    pn532::FrameParser m_parser;
};

} // namespace

TEST_GROUP(Pn532UartEmul)
{
    std::unique_ptr<Pn532UartEmul> m_emul;
    std::unique_ptr<Host> m_host;
    Bytes m_last_command;

    void setup() override
    {
        auto emul = Pn532UartEmul::open();
        KIOSK_CHECK_OK(emul);
        m_emul = std::move(emul).value();
        m_host = std::make_unique<Host>(m_emul->device_path());
    }
    void teardown() override
    {
        m_host.reset();
        m_emul.reset();
    }
};

TEST(Pn532UartEmul, answers_get_firmware_version_after_the_wake_up_preamble)
{
    m_host->write_bytes({ 0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 });
    CHECK_TRUE((Bytes { 0x03, 0x32, 0x01, 0x06, 0x07 }) == m_host->command({ 0x02 }));
}

TEST(Pn532UartEmul, diagnose_communication_test_echoes)
{
    CHECK_TRUE((Bytes { 0x01, 0x00, 'l', 'i', 'b', 'n', 'f', 'c' }) == m_host->command({ 0x00, 0x00, 'l', 'i', 'b', 'n', 'f', 'c' }));
}

TEST(Pn532UartEmul, unknown_command_gets_the_error_frame)
{
    m_host->send({ 0x7E, 0x01 });
    CHECK_TRUE(pn532::FrameKind::ack == m_host->receive()->kind);
    CHECK_TRUE(pn532::FrameKind::error == m_host->receive()->kind);
}

TEST(Pn532UartEmul, nack_resends_the_last_answer)
{
    Bytes const first = m_host->command({ 0x02 });
    m_host->write_bytes(pn532::nack_frame());
    auto again = m_host->receive();
    CHECK_TRUE(again.has_value());
    CHECK_TRUE(first == again->payload);
}

TEST(Pn532UartEmul, frame_with_a_bad_checksum_is_ignored)
{
    Bytes bad = pn532::encode_information_frame(pn532::TFI_HOST_TO_PN532, Bytes { 0x02 });
    bad[bad.size() - 2] ^= 0xFF;
    m_host->write_bytes(bad);
    // Only the next good command is acknowledged and answered.
    CHECK_TRUE((Bytes { 0x03, 0x32, 0x01, 0x06, 0x07 }) == m_host->command({ 0x02 }));
    CHECK_FALSE(m_host->receive(50ms).has_value());
}

TEST(Pn532UartEmul, registers_written_read_back)
{
    m_host->command({ 0x08, 0x63, 0x02, 0x80, 0x63, 0x03, 0x81 });
    CHECK_TRUE((Bytes { 0x07, 0x80, 0x81 }) == m_host->command({ 0x06, 0x63, 0x02, 0x63, 0x03 }));
}

TEST(Pn532UartEmul, in_list_passive_target_reports_an_empty_field_then_the_card)
{
    CHECK_TRUE((Bytes { 0x4B, 0x00 }) == m_host->command({ 0x4A, 0x01, 0x00 }));
    m_emul->place(std::make_unique<BigAnswerCard>(1, &m_last_command));
    // NbTg 1, Tg 1, ATQA 00 04, SAK 20, UID length 4, UID, ATS (TL 6: T0 78, TA, TB, TC, 80).
    CHECK_TRUE((Bytes { 0x4B, 0x01, 0x01, 0x00, 0x04, 0x20, 0x04, 0x01, 0x02, 0x03, 0x04, 0x06, 0x78, 0x00, 0x80, 0x00, 0x80 })
        == m_host->command({ 0x4A, 0x01, 0x00 }));
    // Type B poll: this card is type A.
    CHECK_TRUE((Bytes { 0x4B, 0x00 }) == m_host->command({ 0x4A, 0x01, 0x03, 0x00 }));
}

TEST(Pn532UartEmul, in_data_exchange_chains_a_long_answer_with_more_information)
{
    m_emul->place(std::make_unique<BigAnswerCard>(400, &m_last_command));
    m_host->command({ 0x4A, 0x01, 0x00 });
    Bytes const first = m_host->command({ 0x40, 0x01, 0x00, 0xB0, 0x00, 0x00, 0x00 });
    CHECK_EQUAL(0x40, first.at(1)); // MI
    CHECK_EQUAL(2U + 262U, first.size());
    Bytes const rest = m_host->command({ 0x40, 0x01 });
    CHECK_EQUAL(0x00, rest.at(1));
    CHECK_EQUAL(2U + (402U - 262U), rest.size());
    CHECK_TRUE((Bytes { 0x90, 0x00 }) == Bytes(rest.end() - 2, rest.end()));
}

TEST(Pn532UartEmul, extended_frame_carries_a_long_command)
{
    m_emul->place(std::make_unique<BigAnswerCard>(0, &m_last_command));
    m_host->command({ 0x4A, 0x01, 0x00 });
    Bytes command { 0x40, 0x01 };
    command.resize(2 + 260, 0x77);
    CHECK_TRUE((Bytes { 0x41, 0x00, 0x90, 0x00 }) == m_host->command(command));
    CHECK_EQUAL(260U, m_last_command.size());
}

TEST(Pn532UartEmul, card_lifted_before_the_exchange_gives_a_timeout_status)
{
    m_emul->place(std::make_unique<BigAnswerCard>(4, &m_last_command));
    m_host->command({ 0x4A, 0x01, 0x00 });
    m_emul->lift();
    CHECK_TRUE((Bytes { 0x41, 0x01 }) == m_host->command({ 0x40, 0x01, 0x00, 0xA4, 0x00, 0x00 }));
}

TEST(Pn532UartEmul, auto_poll_answers_when_a_card_arrives)
{
    m_host->send({ 0x60, 0xFF, 0x01, 0x20 });
    CHECK_TRUE(pn532::FrameKind::ack == m_host->receive()->kind);
    CHECK_FALSE(m_host->receive(50ms).has_value());
    m_emul->place(std::make_unique<BigAnswerCard>(1, &m_last_command));
    auto answer = m_host->receive();
    CHECK_TRUE(answer.has_value());
    CHECK_EQUAL(0x61, answer->payload.at(0));
    CHECK_EQUAL(0x01, answer->payload.at(1)); // one target
    CHECK_EQUAL(0x20, answer->payload.at(2)); // ISO 14443-4 A
}

TEST(Pn532UartEmul, host_ack_aborts_a_pending_auto_poll)
{
    m_host->send({ 0x60, 0xFF, 0x01, 0x20 });
    CHECK_TRUE(pn532::FrameKind::ack == m_host->receive()->kind);
    m_host->write_bytes(pn532::ack_frame());
    // The next thing the host hears is the answer to its next command, not the poll; once it
    // has that answer the emulator has read the ACK (the link keeps byte order).
    CHECK_TRUE((Bytes { 0x03, 0x32, 0x01, 0x06, 0x07 }) == m_host->command({ 0x02 }));
    m_emul->place(std::make_unique<BigAnswerCard>(1, &m_last_command));
    CHECK_FALSE(m_host->receive(100ms).has_value());
}

TEST(Pn532UartEmul, unplug_closes_the_pty)
{
    m_emul->unplug();
    // With the master side gone the host's writes fail and nothing more arrives.
    std::uint8_t const byte = 0x55;
    int const host_fd = ::open(m_emul->device_path().c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (host_fd >= 0) {
        CHECK_TRUE(::write(host_fd, &byte, 1) < 0);
        ::close(host_fd);
    }
    CHECK_FALSE(m_host->receive(50ms).has_value());
}
