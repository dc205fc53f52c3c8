// SPDX-License-Identifier: MIT
#include "scanner/wait_canceller.hpp"

#include <cerrno>
#include <cstdint>

#include <sys/eventfd.h>
#include <unistd.h>

namespace kiosk::drivers {

Result<std::unique_ptr<WaitCanceller>> WaitCanceller::open(char const* what)
{
    UniqueFd fd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (!fd)
        return Unexpected(Error::from_errno(errno, what));
    // The constructor is private, so make_unique cannot reach it.
    return std::unique_ptr<WaitCanceller>(new WaitCanceller(std::move(fd)));
}

void WaitCanceller::drain() const
{
    std::uint64_t value = 0;
    while (::read(m_fd.get(), &value, sizeof value) > 0) { }
}

WaitCanceller::Wait::Wait(WaitCanceller& canceller)
    : m_canceller(canceller)
{
    std::lock_guard lock(m_canceller.m_mutex);
    m_canceller.m_waiting = true;
    m_canceller.drain();
}

WaitCanceller::Wait::~Wait()
{
    std::lock_guard lock(m_canceller.m_mutex);
    m_canceller.m_waiting = false;
    m_canceller.drain();
}

void WaitCanceller::cancel()
{
    std::lock_guard lock(m_mutex);
    if (!m_waiting)
        return;
    std::uint64_t const one = 1;
    // The eventfd cannot overflow: it is drained at the start and end of every wait.
    [[maybe_unused]] auto const written = ::write(m_fd.get(), &one, sizeof one);
}

} // namespace kiosk::drivers
