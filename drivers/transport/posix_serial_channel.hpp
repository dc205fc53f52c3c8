// SPDX-License-Identifier: MIT
#pragma once

#include "transport/fd_channel.hpp"

#include <kiosk/hal/result.hpp>

#include <memory>
#include <string>

namespace kiosk::drivers {

/// A serial port (USB-serial adapter, RS-232, a pty in tests) in raw 8N1 mode, no flow
/// control, through termios.
class PosixSerialChannel final : public FdChannel {
public:
    /// Opens @p path at @p baud (9600, 19200, 38400, 57600, 115200, 230400).
    /// @return Errc::invalid_argument for another baud rate, Errc::not_found if the port does
    ///         not exist, Errc::permission_denied (add the user to dialout), Errc::io.
    static Result<std::unique_ptr<PosixSerialChannel>> open(std::string const& path, int baud);

    /// Also flushes the kernel's input queue (tcflush) before draining.
    Result<void> discard_input() override;

private:
    PosixSerialChannel(int fd, std::string description);
};

} // namespace kiosk::drivers
