// SPDX-License-Identifier: MIT
#include "transport/posix_serial_channel.hpp"

#include <cerrno>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

    bool speed_for(int baud, speed_t& speed)
    {
        switch (baud) {
        case 9600:
            speed = B9600;
            return true;
        case 19200:
            speed = B19200;
            return true;
        case 38400:
            speed = B38400;
            return true;
        case 57600:
            speed = B57600;
            return true;
        case 115200:
            speed = B115200;
            return true;
        case 230400:
            speed = B230400;
            return true;
        default:
            return false;
        }
    }

} // namespace

Result<std::unique_ptr<PosixSerialChannel>> PosixSerialChannel::open(std::string const& path, int baud)
{
    speed_t speed = B0;
    if (!speed_for(baud, speed))
        return fail(Errc::invalid_argument, "serial speed must be 9600, 19200, 38400, 57600, 115200 or 230400");
    int const fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return Unexpected(Error::from_errno(errno, "opening the serial port"));
    termios settings {};
    if (::tcgetattr(fd, &settings) != 0) {
        int const error = errno;
        ::close(fd);
        return Unexpected(Error::from_errno(error, "reading the serial port settings (not a tty?)"));
    }
    ::cfmakeraw(&settings);
    settings.c_cflag |= CLOCAL | CREAD;
    settings.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | CRTSCTS);
    settings.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
    settings.c_cc[VMIN] = 0;
    settings.c_cc[VTIME] = 0;
    ::cfsetispeed(&settings, speed);
    ::cfsetospeed(&settings, speed);
    if (::tcsetattr(fd, TCSANOW, &settings) != 0) {
        int const error = errno;
        ::close(fd);
        return Unexpected(Error::from_errno(error, "setting the serial port to raw mode"));
    }
    return std::unique_ptr<PosixSerialChannel>(
        new PosixSerialChannel(fd, "serial:" + path + "@" + std::to_string(baud)));
}

PosixSerialChannel::PosixSerialChannel(int fd, std::string description)
    : FdChannel(fd, std::move(description), false)
{
}

Result<void> PosixSerialChannel::discard_input()
{
    ::tcflush(fd(), TCIFLUSH);
    return FdChannel::discard_input();
}

} // namespace kiosk::drivers
