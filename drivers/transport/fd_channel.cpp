// SPDX-License-Identifier: MIT
#include "transport/fd_channel.hpp"

#include "common/bounded_timeout.hpp"

#include <cerrno>

#include <poll.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

    bool is_disconnect(int error) { return error == EPIPE || error == ECONNRESET || error == EIO || error == ENODEV || error == ENXIO; }

    Error io_error(int error, char const* context)
    {
        if (is_disconnect(error))
            return Error(Errc::disconnected, context, error);
        return Error::from_errno(error, context);
    }

    /// Milliseconds left until @p deadline, at least 0.
    int left_ms(std::chrono::steady_clock::time_point deadline)
    {
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        return static_cast<int>(std::max<long long>(0, left.count()));
    }

} // namespace

FdChannel::FdChannel(int fd, std::string description, bool end_of_stream_is_disconnect)
    : m_fd(fd)
    , m_description(std::move(description))
    , m_end_of_stream_is_disconnect(end_of_stream_is_disconnect)
{
}

FdChannel::~FdChannel()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<void> FdChannel::write(ByteView data, std::chrono::milliseconds timeout)
{
    auto const deadline = std::chrono::steady_clock::now() + bounded_timeout(timeout);
    while (!data.empty()) {
        pollfd ready { m_fd, POLLOUT, 0 };
        int const polled = ::poll(&ready, 1, left_ms(deadline));
        if (polled < 0) {
            if (errno == EINTR)
                continue;
            return Unexpected(io_error(errno, "waiting to write to the device"));
        }
        if (polled == 0)
            return fail(Errc::timeout, "the device did not take the data in time");
        if ((ready.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 && (ready.revents & POLLOUT) == 0)
            return fail(Errc::disconnected, "the device hung up");
        ssize_t const written = ::write(m_fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return Unexpected(io_error(errno, "writing to the device"));
        }
        data = data.subspan(static_cast<std::size_t>(written));
    }
    return {};
}

Result<std::size_t> FdChannel::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout)
{
    if (buffer.empty())
        return std::size_t { 0 };
    auto const deadline = std::chrono::steady_clock::now() + bounded_timeout(timeout);
    while (true) {
        pollfd ready { m_fd, POLLIN, 0 };
        int const polled = ::poll(&ready, 1, left_ms(deadline));
        if (polled < 0) {
            if (errno == EINTR)
                continue;
            return Unexpected(io_error(errno, "waiting for the device"));
        }
        if (polled == 0)
            return std::size_t { 0 };
        ssize_t const count = ::read(m_fd, buffer.data(), buffer.size());
        if (count < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return Unexpected(io_error(errno, "reading from the device"));
        }
        if (count == 0) {
            if (m_end_of_stream_is_disconnect)
                return fail(Errc::disconnected, "the device closed the connection");
            return std::size_t { 0 };
        }
        return static_cast<std::size_t>(count);
    }
}

Result<void> FdChannel::discard_input()
{
    std::uint8_t scratch[256];
    while (true) {
        pollfd ready { m_fd, POLLIN, 0 };
        int const polled = ::poll(&ready, 1, 0);
        if (polled < 0 && errno == EINTR)
            continue;
        if (polled <= 0)
            return {};
        ssize_t const count = ::read(m_fd, scratch, sizeof scratch);
        if (count < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return {};
            return Unexpected(io_error(errno, "draining input from the device"));
        }
        if (count == 0)
            return m_end_of_stream_is_disconnect ? Result<void>(fail(Errc::disconnected, "the device closed the connection"))
                                                 : Result<void>();
    }
}

} // namespace kiosk::drivers
