// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/device.hpp>
#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::hal {

/// The two system slots of an A/B update scheme.
enum class Slot {
    a,
    b,
};

/// The other slot.
constexpr Slot other_slot(Slot slot) noexcept { return slot == Slot::a ? Slot::b : Slot::a; }
/// "a" or "b".
std::string_view slot_name(Slot slot) noexcept;

/// What the boot loader believes about a slot.
enum class SlotState {
    empty,  ///< nothing installed
    good,   ///< booted and marked good
    trial,  ///< installed and chosen for the next boot, not yet marked good
    bad,    ///< failed its trial; never booted again until reinstalled
};

/// Snake-case name used in JSON ("trial").
std::string_view slot_state_name(SlotState state) noexcept;

/// One slot's state and the version installed in it.
struct SlotStatus {
    Slot slot = Slot::a;
    SlotState state = SlotState::empty;
    std::string version;
};

/// A/B boot control. Implementations: drivers/boot/sim_boot_control (in memory); drivers/boot/dir_boot_control
/// (folders on disk); a RAUC implementation comes with the real boards. One thread only.
class BootControl : public Device {
public:
    /// The slot the running system booted from.
    virtual Result<Slot> booted_slot() = 0;

    /// State and version of @p slot.
    virtual Result<SlotStatus> slot_status(Slot slot) = 0;

    /// Writes the image file @p image into @p slot and verifies what was written. Blocks for
    /// as long as the copy takes. The slot becomes installed but not bootable until
    /// set_next_boot(). @return Errc::invalid_argument if @p slot is the booted slot,
    /// Errc::not_found if the image is missing, Errc::io on write or verify failure.
    virtual Result<void> install(Slot slot, std::filesystem::path const& image, std::string_view version) = 0;

    /// Boots @p slot next, on trial. Errc::not_ready if the slot is empty or bad.
    virtual Result<void> set_next_boot(Slot slot) = 0;

    /// Marks the booted slot good, ending its trial.
    virtual Result<void> mark_good() = 0;

    /// Marks @p slot bad (failed trial); the boot loader returns to the other slot.
    virtual Result<void> mark_bad(Slot slot) = 0;

    /// Restarts the system so the boot loader runs: a real board reboots (and this call
    /// does not return); the simulated and directory boot controls apply the boot loader's
    /// decision in place and return, after which the caller behaves as a freshly started
    /// system. @return Errc::io / unsupported if the restart could not be requested.
    virtual Result<void> restart() = 0;
};

} // namespace kiosk::hal
