// SPDX-License-Identifier: MIT
// The ESC/POS driver over real transports to a printer peer: a socat pty pair (the peer on
// the far end answers DLE EOT from the emulator's state) and a TCP listener on 127.0.0.1.
#include <codes/qr_encoder.hpp>
#include <printer/escpos_printer.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <printer/ttf_text_rasterizer.hpp>
#include <transport/file_channel.hpp>
#include <transport/posix_serial_channel.hpp>
#include <transport/tcp_channel.hpp>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <thread>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

extern char** environ; // NOLINT(readability-redundant-declaration)

using kiosk::Errc;
using kiosk::drivers::EscPosPrinter;
using kiosk::drivers::EscPosPrinterEmul;

namespace {

bool const QR_TABLES_READY = kiosk::codes::QrEncoder::encode("warm-up").has_value();

kiosk::drivers::QrModuleEncoder qr()
{
    return [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); };
}

kiosk::hal::ReceiptDocument slip()
{
    kiosk::hal::ReceiptDocument document;
    document.items.emplace_back(kiosk::hal::TextBlock { "Phiếu hẹn trả kết quả", kiosk::hal::Align::center, 1, true });
    document.items.emplace_back(kiosk::hal::QrBlock { "G22.99-241201-0042", 0, kiosk::hal::Align::center });
    return document;
}

/// A printer at the far end of a file descriptor: bytes in go to the emulator, its status
/// replies go back. Runs on its own thread until stopped.
class EmulatorPeer {
public:
    explicit EmulatorPeer(int fd)
        : m_fd(fd)
    {
        m_emulator = KIOSK_MUST(EscPosPrinterEmul::open({ 576, {}, nullptr, qr() }));
        m_thread = std::thread([this] { run(); });
    }
    EmulatorPeer(EmulatorPeer const&) = delete;
    EmulatorPeer& operator=(EmulatorPeer const&) = delete;
    EmulatorPeer(EmulatorPeer&&) = delete;
    EmulatorPeer& operator=(EmulatorPeer&&) = delete;
    ~EmulatorPeer()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_fd);
    }
    EscPosPrinterEmul& emulator() { return *m_emulator; }

private:
    void run()
    {
        std::uint8_t buffer[4096];
        while (!m_stop) {
            pollfd ready { m_fd, POLLIN, 0 };
            if (::poll(&ready, 1, 20) <= 0)
                continue;
            ssize_t const count = ::read(m_fd, buffer, sizeof buffer);
            if (count <= 0) {
                if (count < 0 && (errno == EINTR || errno == EAGAIN))
                    continue;
                return; // the other side went away
            }
            (void)m_emulator->write(kiosk::ByteView(buffer, static_cast<std::size_t>(count)), std::chrono::milliseconds(0));
            std::uint8_t replies[16];
            std::size_t const answered = m_emulator->read(replies, std::chrono::milliseconds(0)).value_or(0);
            if (answered > 0 && ::write(m_fd, replies, answered) < 0)
                return;
        }
    }

    int m_fd;
    std::unique_ptr<EscPosPrinterEmul> m_emulator;
    std::atomic<bool> m_stop { false };
    std::thread m_thread;
};

/// Waits (bounded) until @p condition holds.
template <class F> bool wait_until(F condition, std::chrono::milliseconds bound = std::chrono::seconds(5))
{
    auto const deadline = std::chrono::steady_clock::now() + bound;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::yield();
    }
    return true;
}

std::unique_ptr<EscPosPrinter> printer_over(std::unique_ptr<kiosk::hal::ByteChannel> channel)
{
    auto text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
    return KIOSK_MUST(EscPosPrinter::open(
        std::move(channel), kiosk::hal::PrinterCapabilities {}, std::move(text), qr(), EscPosPrinter::Options {}));
}

} // namespace

TEST_GROUP(SerialPrinter)
{
    kiosk::test::TempDir m_dir;
    pid_t m_socat = -1;
    std::unique_ptr<EmulatorPeer> m_peer;

    void setup() override
    {
        std::string const printer_end = "pty,raw,echo=0,link=" + (m_dir.path() / "printer").string();
        std::string const host_end = "pty,raw,echo=0,link=" + (m_dir.path() / "host").string();
        char const* argv[] = { "/usr/bin/socat", printer_end.c_str(), host_end.c_str(), nullptr };
        CHECK_EQUAL(0, ::posix_spawn(&m_socat, argv[0], nullptr, nullptr, const_cast<char**>(argv), environ)); // NOLINT
        CHECK_TRUE(wait_until([this] {
            return std::filesystem::exists(m_dir.path() / "printer") && std::filesystem::exists(m_dir.path() / "host");
        }));
        int const fd = ::open((m_dir.path() / "printer").c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
        CHECK_TRUE(fd >= 0);
        termios raw {};
        ::tcgetattr(fd, &raw);
        ::cfmakeraw(&raw);
        ::tcsetattr(fd, TCSANOW, &raw);
        m_peer = std::make_unique<EmulatorPeer>(fd);
    }
    void teardown() override
    {
        stop_socat();
        m_peer.reset();
    }
    void stop_socat()
    {
        if (m_socat > 0) {
            ::kill(m_socat, SIGTERM);
            ::waitpid(m_socat, nullptr, 0);
            m_socat = -1;
        }
    }
    std::unique_ptr<EscPosPrinter> printer() const
    {
        return printer_over(KIOSK_MUST(kiosk::drivers::PosixSerialChannel::open((m_dir.path() / "host").string(), 115200)));
    }
};

TEST(SerialPrinter, status_and_a_receipt_over_a_pty_pair)
{
    auto serial = printer();
    auto status = serial->status();
    KIOSK_CHECK_OK(status);
    CHECK_TRUE(status->ready());
    KIOSK_CHECK_OK(serial->print(slip()));
    LONGS_EQUAL(1, m_peer->emulator().receipts_out());
    LONGS_EQUAL(0, m_peer->emulator().unknown_commands());
}

TEST(SerialPrinter, paper_end_reported_by_the_peer_refuses_the_job)
{
    auto serial = printer();
    kiosk::hal::PrinterStatus empty;
    empty.online = true;
    empty.paper = kiosk::hal::PaperLevel::end;
    m_peer->emulator().set_status(empty);
    KIOSK_CHECK_ERRC(Errc::not_ready, serial->print(slip()));
    LONGS_EQUAL(0, m_peer->emulator().receipts_out());
}

TEST(SerialPrinter, paper_end_mid_job_over_the_wire_is_not_ready)
{
    auto serial = printer();
    m_peer->emulator().inject_fault(2000, EscPosPrinterEmul::Fault::paper_end);
    KIOSK_CHECK_ERRC(Errc::not_ready, serial->print(slip()));
    LONGS_EQUAL(0, m_peer->emulator().receipts_out());
    LONGS_EQUAL(1, m_peer->emulator().torn_receipts());
}

TEST(SerialPrinter, a_silent_peer_times_out)
{
    auto serial = printer();
    m_peer->emulator().inject_fault(0, EscPosPrinterEmul::Fault::stop_answering);
    KIOSK_CHECK_ERRC(Errc::timeout, serial->status());
}

TEST(SerialPrinter, cable_pulled_is_disconnected)
{
    auto serial = printer();
    KIOSK_CHECK_OK(serial->status());
    stop_socat(); // the far end of the pty disappears
    auto const status = serial->status();
    CHECK_FALSE(status.has_value());
    CHECK_TRUE(status.error().code() == Errc::disconnected || status.error().code() == Errc::timeout);
    KIOSK_CHECK_ERRC(Errc::disconnected, serial->print(slip()));
}

TEST(SerialPrinter, a_missing_port_is_not_found_and_a_bad_speed_invalid)
{
    KIOSK_CHECK_ERRC(Errc::not_found, kiosk::drivers::PosixSerialChannel::open("/dev/ttyNOPE9", 115200));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, kiosk::drivers::PosixSerialChannel::open((m_dir.path() / "host").string(), 12345));
}

TEST_GROUP(TcpPrinter)
{
    int m_listener = -1;
    std::uint16_t m_port = 0;
    std::unique_ptr<EmulatorPeer> m_peer;

    void setup() override
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        CHECK_EQUAL(0, ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address));
        CHECK_EQUAL(0, ::listen(m_listener, 1));
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
    }
    void teardown() override
    {
        m_peer.reset();
        ::close(m_listener);
    }
    std::unique_ptr<EscPosPrinter> connect()
    {
        auto channel = KIOSK_MUST(kiosk::drivers::TcpChannel::open("127.0.0.1", m_port));
        int const accepted = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        CHECK_TRUE(accepted >= 0);
        m_peer = std::make_unique<EmulatorPeer>(accepted);
        return printer_over(std::move(channel));
    }
};

TEST(TcpPrinter, status_and_a_receipt_over_port_9100_style_tcp)
{
    auto network = connect();
    KIOSK_CHECK_OK(network->print(slip()));
    LONGS_EQUAL(1, m_peer->emulator().receipts_out());
    STRCMP_CONTAINS("tcp:127.0.0.1:", network->connection().c_str());
}

TEST(TcpPrinter, peer_closing_is_disconnected)
{
    auto network = connect();
    KIOSK_CHECK_OK(network->status());
    m_peer.reset(); // closes the accepted socket
    KIOSK_CHECK_ERRC(Errc::disconnected, network->status());
}

TEST(TcpPrinter, nothing_listening_is_refused)
{
    ::close(m_listener);
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    KIOSK_CHECK_ERRC(Errc::refused, kiosk::drivers::TcpChannel::open("127.0.0.1", m_port));
}

TEST_GROUP(FilePrinter)
{
    kiosk::test::TempDir m_dir;
};

TEST(FilePrinter, a_plain_file_collects_exactly_the_job_bytes)
{
    auto const path = m_dir.path() / "out.bin";
    auto channel = KIOSK_MUST(kiosk::drivers::FileChannel::open(path));
    CHECK_FALSE(channel->readable());
    EscPosPrinter::Options options;
    options.status_queries = kiosk::drivers::StatusQueries::assume_ready;
    auto text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
    auto printer = KIOSK_MUST(
        EscPosPrinter::open(std::move(channel), kiosk::hal::PrinterCapabilities {}, std::move(text), qr(), options));
    KIOSK_CHECK_OK(printer->print(slip()));
    std::ifstream in(path, std::ios::binary);
    kiosk::Bytes const written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto const expected = KIOSK_MUST(printer->encoder().encode(slip()));
    CHECK_TRUE(expected == written);
    // The bytes are a job the emulator prints as one receipt.
    auto emulator = KIOSK_MUST(EscPosPrinterEmul::open({ 576, {}, nullptr, qr() }));
    KIOSK_CHECK_OK(emulator->write(written, std::chrono::milliseconds(0)));
    LONGS_EQUAL(1, emulator->receipts_out());
}
