// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstddef>
#include <span>
#include <string>

namespace kiosk::hal {

/// A bidirectional byte transport to a device: USB bulk endpoints, a serial port, a TCP
/// socket or a device emulator. Implementations: drivers/transport/ (issue 3). Not
/// thread-safe: one owner at a time. Non-copyable.
class ByteChannel {
public:
    virtual ~ByteChannel() = default;
    ByteChannel(ByteChannel const&) = delete;
    ByteChannel& operator=(ByteChannel const&) = delete;
    ByteChannel(ByteChannel&&) = delete;
    ByteChannel& operator=(ByteChannel&&) = delete;

    /// Writes all of @p data, blocking up to @p timeout in total.
    /// @return Errc::timeout if not everything was accepted in time (part may have been sent),
    ///         Errc::disconnected if the device went away, Errc::io otherwise.
    virtual Result<void> write(ByteView data, std::chrono::milliseconds timeout) = 0;

    /// Reads what is available into @p buffer, waiting up to @p timeout for the first byte.
    /// @return the number of bytes read; 0 when nothing arrived in time (not an error).
    ///         Errc::disconnected if the peer closed or the device went away, Errc::io otherwise.
    virtual Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) = 0;

    /// Throws away input that arrived but was not read (stale status replies). Does not block.
    virtual Result<void> discard_input() = 0;

    /// "usb:04b8:0e28", "serial:/dev/ttyUSB0@115200", ...: for logs and the bench CLI.
    [[nodiscard]] virtual std::string description() const = 0;

protected:
    ByteChannel() = default;
};

} // namespace kiosk::hal
