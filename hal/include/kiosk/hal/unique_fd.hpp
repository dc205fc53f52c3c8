// SPDX-License-Identifier: MIT
#pragma once

#include <utility>

#include <unistd.h>

namespace kiosk {

/// An owned POSIX file descriptor, closed when the owner goes away (-1 = none). Move-only.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) noexcept
        : m_fd(fd)
    {
    }
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd const&) = delete;
    UniqueFd& operator=(UniqueFd const&) = delete;
    UniqueFd(UniqueFd&& other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {
    }
    UniqueFd& operator=(UniqueFd&& other) noexcept
    {
        if (this != &other)
            reset(std::exchange(other.m_fd, -1));
        return *this;
    }

    [[nodiscard]] int get() const noexcept { return m_fd; }
    [[nodiscard]] bool valid() const noexcept { return m_fd >= 0; }
    explicit operator bool() const noexcept { return valid(); }

    /// Closes the descriptor held (if any) and takes @p fd.
    void reset(int fd = -1) noexcept
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = fd;
    }

    /// Gives up ownership without closing.
    [[nodiscard]] int release() noexcept { return std::exchange(m_fd, -1); }

private:
    int m_fd = -1;
};

} // namespace kiosk
