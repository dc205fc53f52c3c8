// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>
#include <kiosk/hal/unique_fd.hpp>

#include <memory>
#include <mutex>

namespace kiosk::drivers {

/// Lets another thread end a blocking wait of a scanner's next_code() at once: an eventfd the
/// wait polls beside its device, written by cancel() only while a wait is in progress (a
/// cancel with no wait running is forgotten, so it cannot end the next wait early).
class WaitCanceller {
public:
    /// @return the errno error of eventfd(), in the context @p what (a string literal).
    static Result<std::unique_ptr<WaitCanceller>> open(char const* what);

    /// The descriptor to poll for POLLIN beside the device.
    [[nodiscard]] int fd() const noexcept { return m_fd.get(); }

    /// A wait in progress, from its construction to its end.
    class Wait {
    public:
        explicit Wait(WaitCanceller& canceller);
        ~Wait();
        Wait(Wait const&) = delete;
        Wait& operator=(Wait const&) = delete;
        Wait(Wait&&) = delete;
        Wait& operator=(Wait&&) = delete;

    private:
        WaitCanceller& m_canceller;
    };

    /// Ends the wait in progress (its poll sees fd() readable); nothing when none is.
    void cancel();

private:
    explicit WaitCanceller(UniqueFd fd) noexcept
        : m_fd(std::move(fd))
    {
    }
    void drain() const;

    UniqueFd m_fd;
    std::mutex m_mutex;
    bool m_waiting = false;
};

} // namespace kiosk::drivers
