// SPDX-License-Identifier: MIT
// The one file calling evdev (linux/input.h ioctls and input_event reads).
#include "scanner/evdev_code_scanner.hpp"

#include "common/bounded_timeout.hpp"

#include <array>
#include <cerrno>
#include <cstdint>

#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace kiosk::drivers {

Result<std::unique_ptr<EvdevCodeScanner>> EvdevCodeScanner::open(std::filesystem::path device)
{
    auto cancel = KIOSK_TRY(WaitCanceller::open("opening a keyboard-wedge scanner: eventfd"));
    // The constructor is private, so make_unique cannot reach it.
    std::unique_ptr<EvdevCodeScanner> scanner(new EvdevCodeScanner(std::move(device), std::move(cancel)));
    KIOSK_TRY(scanner->reopen());
    return scanner;
}

EvdevCodeScanner::EvdevCodeScanner(std::filesystem::path device, std::unique_ptr<WaitCanceller> cancel)
    : m_device(std::move(device))
    , m_cancel(std::move(cancel))
{
}

EvdevCodeScanner::~EvdevCodeScanner() { close_device(); }

void EvdevCodeScanner::close_device()
{
    if (m_fd >= 0) {
        (void)::ioctl(m_fd, EVIOCGRAB, 0); // NOLINT(cppcoreguidelines-pro-type-vararg): the evdev API
        ::close(m_fd);
    }
    m_fd = -1;
    m_decoder.reset();
}

Result<void> EvdevCodeScanner::reopen()
{
    close_device();
    int const fd = ::open(m_device.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return Unexpected(Error::from_errno(errno, "opening the keyboard-wedge scanner"));
    int version = 0;
    if (::ioctl(fd, EVIOCGVERSION, &version) < 0) { // NOLINT(cppcoreguidelines-pro-type-vararg)
        int const saved = errno;
        ::close(fd);
        return fail(Errc::unsupported, "keyboard-wedge scanner: not an input device", saved);
    }
    if (::ioctl(fd, EVIOCGRAB, 1) < 0) { // NOLINT(cppcoreguidelines-pro-type-vararg)
        int const saved = errno;
        ::close(fd);
        return fail(saved == EBUSY ? Errc::busy : Errc::io, "keyboard-wedge scanner: grabbing the device", saved);
    }
    std::array<char, 128> name {};
    if (::ioctl(fd, EVIOCGNAME(name.size() - 1), name.data()) >= 0) // NOLINT(cppcoreguidelines-pro-type-vararg)
        m_name = name.data();
    m_fd = fd;
    return {};
}

Result<std::string> EvdevCodeScanner::self_test()
{
    if (m_fd < 0)
        KIOSK_TRY(reopen());
    int version = 0;
    if (::ioctl(m_fd, EVIOCGVERSION, &version) < 0) { // NOLINT(cppcoreguidelines-pro-type-vararg)
        int const saved = errno;
        close_device();
        return fail(Errc::disconnected, "checking the keyboard-wedge scanner", saved);
    }
    auto const& d = m_decoder.drops();
    return "keyboard-wedge scanner '" + m_name + "' " + m_device.string() + ", grabbed, "
        + std::to_string(d.too_long + d.not_text + d.fragment) + " lines dropped";
}

Result<std::optional<hal::ScannedCode>> EvdevCodeScanner::next_code(std::chrono::milliseconds timeout)
{
    if (auto ready = m_decoder.take())
        return ready;
    if (m_fd < 0) {
        if (auto opened = reopen(); !opened)
            return fail(Errc::disconnected, "keyboard-wedge scanner is gone", opened.error().sys_errno());
    }
    WaitCanceller::Wait const waiting(*m_cancel);

    auto const deadline = std::chrono::steady_clock::now() + bounded_timeout(timeout);
    std::array<input_event, 64> events {};
    while (true) {
        auto const now = std::chrono::steady_clock::now();
        m_decoder.expire(now);
        auto wake = deadline;
        if (auto fragment = m_decoder.fragment_deadline(); fragment && *fragment < wake)
            wake = *fragment;
        auto const wait_ms = std::chrono::ceil<std::chrono::milliseconds>(std::max(wake - now, std::chrono::steady_clock::duration::zero())).count();
        std::array<pollfd, 2> fds { pollfd { m_fd, POLLIN, 0 }, pollfd { m_cancel->fd(), POLLIN, 0 } };
        int const ready = ::poll(fds.data(), fds.size(), static_cast<int>(wait_ms));
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return Unexpected(Error::from_errno(errno, "waiting for the keyboard-wedge scanner"));
        }
        if ((fds[1].revents & POLLIN) != 0)
            return fail(Errc::cancelled, "waiting for a code");
        if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            ssize_t const got = ::read(m_fd, events.data(), sizeof events);
            if (got > 0) {
                auto const count = static_cast<std::size_t>(got) / sizeof(input_event);
                auto const at = std::chrono::steady_clock::now();
                for (std::size_t i = 0; i < count; ++i)
                    m_decoder.feed(events[i].type, events[i].code, events[i].value, at);
                if (auto code = m_decoder.take())
                    return code;
                continue;
            }
            if (got < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            // ENODEV: the scanner was unplugged.
            int const saved = got < 0 ? errno : ENODEV;
            close_device();
            return fail(Errc::disconnected, "keyboard-wedge scanner went away", saved);
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            m_decoder.expire(std::chrono::steady_clock::now());
            return std::optional<hal::ScannedCode>();
        }
    }
}

void EvdevCodeScanner::cancel() { m_cancel->cancel(); }

} // namespace kiosk::drivers
