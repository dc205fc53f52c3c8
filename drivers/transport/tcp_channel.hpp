// SPDX-License-Identifier: MIT
#pragma once

#include "transport/fd_channel.hpp"

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace kiosk::drivers {

/// A TCP connection to a network printer (raw port 9100, "JetDirect").
class TcpChannel final : public FdChannel {
public:
    static constexpr std::uint16_t DEFAULT_PORT = 9100;

    /// Connects to @p host (name or address) : @p port within @p timeout.
    /// @return Errc::not_found if the name does not resolve, Errc::refused if nothing
    ///         listens, Errc::timeout, Errc::io.
    static Result<std::unique_ptr<TcpChannel>> open(
        std::string const& host, std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(3));

private:
    TcpChannel(int fd, std::string description);
};

} // namespace kiosk::drivers
