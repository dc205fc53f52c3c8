// SPDX-License-Identifier: MIT
#pragma once

#include "transport/fd_channel.hpp"

#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <memory>

namespace kiosk::drivers {

/// A printer device node (`/dev/usb/lp0`, read and write: usblp passes status replies back)
/// or a plain file that collects the bytes (truncated when opened; reads return nothing).
class FileChannel final : public FdChannel {
public:
    /// @return Errc::not_found / permission_denied (add the user to lp) / io.
    static Result<std::unique_ptr<FileChannel>> open(std::filesystem::path const& path);

    /// Replies from a device node; always 0 bytes from a plain file.
    Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
    Result<void> discard_input() override;

    /// Whether replies can come back (a device node, not a plain file).
    [[nodiscard]] bool readable() const noexcept { return m_readable; }

private:
    FileChannel(int fd, std::string description, bool readable);
    bool m_readable;
};

} // namespace kiosk::drivers
