// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/byte_channel.hpp>

#include <string>

namespace kiosk::drivers {

/// A ByteChannel over a POSIX file descriptor (serial port, socket, device node or file),
/// with poll()-bounded writes and reads. Owns and closes the descriptor.
class FdChannel : public hal::ByteChannel {
public:
    ~FdChannel() override;
    FdChannel(FdChannel const&) = delete;
    FdChannel& operator=(FdChannel const&) = delete;
    FdChannel(FdChannel&&) = delete;
    FdChannel& operator=(FdChannel&&) = delete;

    /// @return Errc::timeout if not all was written in time, Errc::disconnected if the peer
    ///         hung up (EPIPE, ECONNRESET, EIO on an unplugged tty), else the errno kind.
    Result<void> write(ByteView data, std::chrono::milliseconds timeout) override;
    /// @return bytes read (0 if none came in time); Errc::disconnected at end of stream on a
    ///         stream channel, or when the device went away.
    Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
    Result<void> discard_input() override;
    [[nodiscard]] std::string description() const override { return m_description; }

protected:
    /// @p end_of_stream_is_disconnect: a read of 0 bytes means the peer closed (sockets,
    /// ttys) rather than "nothing yet" (a plain file).
    FdChannel(int fd, std::string description, bool end_of_stream_is_disconnect);
    [[nodiscard]] int fd() const noexcept { return m_fd; }

private:
    int m_fd;
    std::string m_description;
    bool m_end_of_stream_is_disconnect;
};

} // namespace kiosk::drivers
