// SPDX-License-Identifier: MIT
#include "transport/file_channel.hpp"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::drivers {

Result<std::unique_ptr<FileChannel>> FileChannel::open(std::filesystem::path const& path)
{
    struct stat info {};
    bool const device = ::stat(path.c_str(), &info) == 0 && S_ISCHR(info.st_mode);
    int const flags = device ? (O_RDWR | O_NONBLOCK | O_CLOEXEC) : (O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC);
    int const fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0)
        return Unexpected(Error::from_errno(errno, device ? "opening the printer device" : "creating the output file"));
    return std::unique_ptr<FileChannel>(new FileChannel(fd, "file:" + path.string(), device));
}

FileChannel::FileChannel(int fd, std::string description, bool readable)
    : FdChannel(fd, std::move(description), false)
    , m_readable(readable)
{
}

Result<std::size_t> FileChannel::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout)
{
    if (!m_readable)
        return std::size_t { 0 };
    return FdChannel::read(buffer, timeout);
}

Result<void> FileChannel::discard_input()
{
    if (!m_readable)
        return {};
    return FdChannel::discard_input();
}

} // namespace kiosk::drivers
