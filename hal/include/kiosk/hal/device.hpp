// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <string>

namespace kiosk::hal {

/// What every device role shares: it can prove it answers. Non-copyable, owned by the Board.
class Device {
public:
    virtual ~Device() = default;
    Device(Device const&) = delete;
    Device& operator=(Device const&) = delete;
    Device(Device&&) = delete;
    Device& operator=(Device&&) = delete;

    /// Asks the device now (never a cached answer) whether it works, without side effects a
    /// citizen would notice (no paper fed, no sound played). Blocks up to 2 s.
    /// @return a one-line human summary ("paper ok, cover closed"); never personal data.
    ///         Errc::timeout if the device does not answer, Errc::not_found / disconnected if it
    ///         is absent, Errc::not_ready if it answers but cannot work (paper end).
    virtual Result<std::string> self_test() = 0;

protected:
    Device() = default;
};

} // namespace kiosk::hal
