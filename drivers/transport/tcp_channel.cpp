// SPDX-License-Identifier: MIT
#include "transport/tcp_channel.hpp"

#include <cerrno>
#include <memory>

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

    struct AddrInfoFree {
        void operator()(addrinfo* info) const noexcept { ::freeaddrinfo(info); }
    };

    Error connect_error(int error)
    {
        if (error == ECONNREFUSED)
            return Error(Errc::refused, "nothing listens on the printer's port", error);
        if (error == ETIMEDOUT)
            return Error(Errc::timeout, "connecting to the printer", error);
        return Error::from_errno(error, "connecting to the printer");
    }

} // namespace

Result<std::unique_ptr<TcpChannel>> TcpChannel::open(
    std::string const& host, std::uint16_t port, std::chrono::milliseconds timeout)
{
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || found == nullptr)
        return fail(Errc::not_found, "printer host name does not resolve");
    std::unique_ptr<addrinfo, AddrInfoFree> const addresses(found);

    Error last(Errc::not_found, "printer host has no address");
    for (addrinfo const* address = addresses.get(); address != nullptr; address = address->ai_next) {
        int const fd = ::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address->ai_protocol);
        if (fd < 0) {
            last = Error::from_errno(errno, "creating a socket");
            continue;
        }
        int error = 0;
        if (::connect(fd, address->ai_addr, address->ai_addrlen) != 0) {
            error = errno;
            if (error == EINPROGRESS) {
                pollfd ready { fd, POLLOUT, 0 };
                int const polled = ::poll(&ready, 1, static_cast<int>(std::max<long long>(0, timeout.count())));
                if (polled == 0) {
                    ::close(fd);
                    last = Error(Errc::timeout, "connecting to the printer");
                    continue;
                }
                socklen_t length = sizeof error;
                if (polled < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
                    error = errno;
            }
        }
        if (error != 0) {
            ::close(fd);
            last = connect_error(error);
            continue;
        }
        int const on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        return std::unique_ptr<TcpChannel>(new TcpChannel(fd, "tcp:" + host + ":" + std::to_string(port)));
    }
    return Unexpected(last);
}

TcpChannel::TcpChannel(int fd, std::string description)
    : FdChannel(fd, std::move(description), true)
{
}

} // namespace kiosk::drivers
