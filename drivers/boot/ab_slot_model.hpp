// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/boot_control.hpp>
#include <kiosk/hal/result.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::drivers {

/// The decisions of an A/B boot loader with a boot counter of one, as plain data: what
/// SimBootControl keeps in memory and DirBootControl keeps in a state file.
///
/// - install() records a version and leaves the slot "installed": its state stays `empty`
///   (the HAL has no separate "installed" state) until set_next_boot() makes it `trial`.
///   Installing clears a `bad` state and any pending next-boot choice of that slot.
/// - reboot() models a restart: a booted slot still on trial (or marked bad) has used up its one
///   attempt, so it is marked bad and the other slot boots, if that one is good or on trial
///   (with nothing to fall back to, the same slot boots again, still on trial); otherwise a
///   slot chosen with set_next_boot() boots, on trial; otherwise the same slot.
struct AbSlotModel {
    struct SlotModel {
        hal::SlotState state = hal::SlotState::empty;
        std::string version;
        /// An image was installed (state alone cannot say so before set_next_boot()).
        bool installed = false;
    };

    std::array<SlotModel, 2> slots;
    hal::Slot booted = hal::Slot::a;
    std::optional<hal::Slot> next_boot;

    /// Booted from slot a, good, @p version; slot b empty.
    static AbSlotModel fresh(std::string version);

    [[nodiscard]] SlotModel& slot(hal::Slot which) { return slots[static_cast<std::size_t>(which)]; }
    [[nodiscard]] SlotModel const& slot(hal::Slot which) const { return slots[static_cast<std::size_t>(which)]; }
    [[nodiscard]] hal::SlotStatus status(hal::Slot which) const;

    /// Errc::invalid_argument for the booted slot.
    [[nodiscard]] Result<void> check_installable(hal::Slot which) const;
    /// Records @p version as installed in @p which (after the caller wrote and verified it).
    void installed(hal::Slot which, std::string_view version);
    /// Errc::not_ready if @p which has nothing installed or is bad.
    [[nodiscard]] Result<void> set_next_boot(hal::Slot which);
    void mark_good();
    void mark_bad(hal::Slot which);
    void reboot();

    /// "booted slot a (good, 1.4.0), slot b empty".
    [[nodiscard]] std::string describe() const;

    /// "installed" for an installed slot not yet chosen, else the HAL state name.
    [[nodiscard]] static std::string_view state_text(SlotModel const& slot);
};

} // namespace kiosk::drivers
