// SPDX-License-Identifier: MIT
#include "scanner/serial_code_scanner.hpp"

#include "common/bounded_timeout.hpp"

#include <array>
#include <cerrno>
#include <cstdint>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

    std::optional<speed_t> speed_for(int baud)
    {
        switch (baud) {
        case 1200:
            return B1200;
        case 2400:
            return B2400;
        case 4800:
            return B4800;
        case 9600:
            return B9600;
        case 19200:
            return B19200;
        case 38400:
            return B38400;
        case 57600:
            return B57600;
        case 115200:
            return B115200;
        case 230400:
            return B230400;
        default:
            return std::nullopt;
        }
    }

    /// errno of a failed read on a serial port -> our error: EIO/ENXIO/ENODEV mean the device
    /// (or the pty's other side) is gone.
    Error read_error(int sys_errno)
    {
        if (sys_errno == EIO || sys_errno == ENXIO || sys_errno == ENODEV)
            return Error(Errc::disconnected, "reading the scanner port: device went away", sys_errno);
        return Error(Errc::io, "reading the scanner port", sys_errno);
    }

} // namespace

Result<std::unique_ptr<SerialCodeScanner>> SerialCodeScanner::open(std::filesystem::path device, int baud)
{
    auto const speed = speed_for(baud);
    if (!speed)
        return fail(Errc::invalid_argument, "opening a serial scanner: unsupported baud rate");
    auto cancel = KIOSK_TRY(WaitCanceller::open("opening a serial scanner: eventfd"));
    // The constructor is private, so make_unique cannot reach it.
    std::unique_ptr<SerialCodeScanner> scanner(
        new SerialCodeScanner(std::move(device), baud, static_cast<int>(*speed), std::move(cancel)));
    KIOSK_TRY(scanner->reopen());
    return scanner;
}

SerialCodeScanner::SerialCodeScanner(
    std::filesystem::path device, int baud, int speed_constant, std::unique_ptr<WaitCanceller> cancel)
    : m_device(std::move(device))
    , m_baud(baud)
    , m_speed_constant(speed_constant)
    , m_cancel(std::move(cancel))
{
}

SerialCodeScanner::~SerialCodeScanner() { close_port(); }

void SerialCodeScanner::close_port()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_splitter.reset();
}

Result<void> SerialCodeScanner::reopen()
{
    close_port();
    int const fd = ::open(m_device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return Unexpected(Error::from_errno(errno, "opening the scanner port"));
    termios tty {};
    if (::tcgetattr(fd, &tty) != 0) {
        int const saved = errno;
        ::close(fd);
        return fail(saved == ENOTTY ? Errc::unsupported : Errc::io, "configuring the scanner port: not a tty", saved);
    }
    // Raw bytes, 8N1, no flow control, no echo: the module's bytes arrive as sent.
    ::cfmakeraw(&tty);
    tty.c_cflag |= CLOCAL | CREAD;
    tty.c_cflag &= ~static_cast<tcflag_t>(CRTSCTS | CSTOPB | PARENB);
    tty.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
    tty.c_cc[VMIN] = 0;
    tty.c_cc[VTIME] = 0;
    ::cfsetispeed(&tty, static_cast<speed_t>(m_speed_constant));
    ::cfsetospeed(&tty, static_cast<speed_t>(m_speed_constant));
    if (::tcsetattr(fd, TCSANOW, &tty) != 0) {
        int const saved = errno;
        ::close(fd);
        return fail(Errc::io, "configuring the scanner port", saved);
    }
    m_fd = fd;
    return {};
}

Result<std::string> SerialCodeScanner::self_test()
{
    if (m_fd < 0)
        KIOSK_TRY(reopen());
    termios tty {};
    if (::tcgetattr(m_fd, &tty) != 0) {
        int const saved = errno;
        close_port();
        return fail(Errc::disconnected, "checking the scanner port", saved);
    }
    auto const& d = m_splitter.drops();
    return "serial scanner " + m_device.string() + " at " + std::to_string(m_baud) + " baud, "
        + std::to_string(d.too_long + d.not_text + d.fragment) + " lines dropped";
}

Result<std::optional<hal::ScannedCode>> SerialCodeScanner::next_code(std::chrono::milliseconds timeout)
{
    if (auto ready = m_splitter.take())
        return ready;
    if (m_fd < 0) {
        // Unplugged earlier: a scanner that came back is used again.
        if (auto opened = reopen(); !opened)
            return fail(Errc::disconnected, "scanner port is gone", opened.error().sys_errno());
    }
    WaitCanceller::Wait const waiting(*m_cancel);

    auto const deadline = std::chrono::steady_clock::now() + bounded_timeout(timeout);
    std::array<std::uint8_t, 512> buffer {};
    while (true) {
        auto now = std::chrono::steady_clock::now();
        m_splitter.expire(now);
        auto wake = deadline;
        if (auto fragment = m_splitter.fragment_deadline(); fragment && *fragment < wake)
            wake = *fragment;
        auto const wait_ms = std::chrono::ceil<std::chrono::milliseconds>(std::max(wake - now, std::chrono::steady_clock::duration::zero())).count();
        std::array<pollfd, 2> fds { pollfd { m_fd, POLLIN, 0 }, pollfd { m_cancel->fd(), POLLIN, 0 } };
        int const ready = ::poll(fds.data(), fds.size(), static_cast<int>(wait_ms));
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return Unexpected(Error::from_errno(errno, "waiting for the scanner port"));
        }
        if ((fds[1].revents & POLLIN) != 0)
            return fail(Errc::cancelled, "waiting for a code");
        if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            ssize_t const got = ::read(m_fd, buffer.data(), buffer.size());
            if (got > 0) {
                m_splitter.feed(ByteView(buffer.data(), static_cast<std::size_t>(got)), std::chrono::steady_clock::now());
                if (auto code = m_splitter.take())
                    return code;
                continue;
            }
            if (got < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            // 0 bytes with POLLHUP, or EIO: the device (or the pty's far side) went away.
            Error const error = got == 0 ? Error(Errc::disconnected, "scanner port closed") : read_error(errno);
            close_port();
            return Unexpected(error);
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            m_splitter.expire(std::chrono::steady_clock::now());
            return std::optional<hal::ScannedCode>();
        }
    }
}

void SerialCodeScanner::cancel() { m_cancel->cancel(); }

} // namespace kiosk::drivers
