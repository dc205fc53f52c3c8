// SPDX-License-Identifier: MIT
#pragma once

#include "boot/ab_slot_model.hpp"

#include <kiosk/hal/boot_control.hpp>
#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace kiosk::drivers {

/// In-memory A/B boot loader (the decisions of AbSlotModel, see there). It starts booted
/// from slot a (good, the given version) with slot b empty. One thread only.
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

    /// The boot loader's decision (AbSlotModel::reboot), in place. Never fails.
    Result<void> restart() override;

    /// Hook: simulates a restart of the kiosk (see the class comment); same as restart().
    void reboot();

private:
    explicit SimBootControl(std::string booted_version);

    mutable std::mutex m_mutex;
    AbSlotModel m_model;
};

} // namespace kiosk::drivers
