// SPDX-License-Identifier: MIT
#include "boot/image_file.hpp"

#include <array>
#include <cerrno>
#include <cstdint>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk::drivers {

Result<void> read_image(std::filesystem::path const& image, std::function<Result<void>(ByteView)> const& chunk)
{
    int const fd = ::open(image.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Unexpected(Error::from_errno(errno, "opening the update image"));
    std::array<std::uint8_t, std::size_t { 64 } * 1024> buffer {};
    Result<void> outcome;
    for (;;) {
        ssize_t const got = ::read(fd, buffer.data(), buffer.size());
        if (got > 0) {
            outcome = chunk(ByteView(buffer.data(), static_cast<std::size_t>(got)));
            if (!outcome)
                break;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            // A directory opens but does not read (EISDIR): that is an I/O failure, not a mapping.
            outcome = Unexpected(Error(Errc::io, "reading the update image", errno));
        }
        break;
    }
    ::close(fd);
    return outcome;
}

} // namespace kiosk::drivers
