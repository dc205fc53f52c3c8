// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/boot_control.hpp>
#include <kiosk/hal/result.hpp>

#include <array>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::drivers {

/// In-memory model of an A/B boot loader with a boot counter of one. It starts booted from
/// slot a (good, the given version) with slot b empty.
///
/// - install() checks the image can be read, records its version and leaves the slot
///   "installed": slot_status() reports the new version with state `empty` (the HAL has no
///   separate "installed" state) until set_next_boot() makes it `trial`. Installing clears a
///   `bad` state and any pending next-boot choice of that slot.
/// - reboot() (hook) models a restart: a booted slot still on trial (or marked bad) has used up
///   its one attempt, so it is marked bad and the other slot boots, if that one is good or on
///   trial (with nothing to fall back to, the same slot boots again, still on trial);
///   otherwise a slot chosen with set_next_boot() boots, on trial; otherwise the same slot.
///
/// One thread only.
class SimBootControl final : public hal::BootControl {
public:
    /// Booted from slot a, state good, version @p booted_version; slot b empty.
    static std::unique_ptr<SimBootControl> create(std::string booted_version);

    ~SimBootControl() override;

    /// "booted slot a (good, 1.4.0), slot b empty". Never fails.
    Result<std::string> self_test() override;

    /// The slot booted from (changed only by reboot()). Never fails.
    Result<hal::Slot> booted_slot() override;

    /// State and version of @p slot. Never fails.
    Result<hal::SlotStatus> slot_status(hal::Slot slot) override;

    /// Reads @p image through (modelling copy and verify) and records @p version for @p slot.
    /// @return Errc::invalid_argument for the booted slot, Errc::not_found if the image is
    ///         missing, the mapped errno kind (usually Errc::io) if it cannot be read.
    Result<void> install(hal::Slot slot, std::filesystem::path const& image, std::string_view version) override;

    /// Chooses @p slot for the next reboot(), on trial. Choosing the booted slot cancels a
    /// pending choice and leaves states as they are. @return Errc::not_ready if @p slot has
    /// nothing installed or is bad.
    Result<void> set_next_boot(hal::Slot slot) override;

    /// Marks the booted slot good, ending its trial. Never fails.
    Result<void> mark_good() override;

    /// Marks @p slot bad; if it is the booted slot, the next reboot() returns to the other slot.
    /// A pending next-boot choice of @p slot is cancelled. Never fails.
    Result<void> mark_bad(hal::Slot slot) override;

    /// Hook: simulates a restart of the kiosk (see the class comment).
    void reboot();

private:
    struct SlotModel {
        hal::SlotState state = hal::SlotState::empty;
        std::string version;
        /// An image was installed (state alone cannot say so before set_next_boot()).
        bool installed = false;
    };

    explicit SimBootControl(std::string booted_version);

    [[nodiscard]] SlotModel& model(hal::Slot slot) { return m_slots[static_cast<std::size_t>(slot)]; }
    [[nodiscard]] static bool bootable(SlotModel const& slot);

    mutable std::mutex m_mutex;
    std::array<SlotModel, 2> m_slots;
    hal::Slot m_booted = hal::Slot::a;
    std::optional<hal::Slot> m_next_boot;
};

} // namespace kiosk::drivers
