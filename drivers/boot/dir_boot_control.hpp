// SPDX-License-Identifier: MIT
#pragma once

#include "boot/ab_slot_model.hpp"

#include <kiosk/hal/boot_control.hpp>
#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace kiosk::drivers {

/// A/B slots as directories, for the sim board and for tests of the update agent: what a
/// boot loader with a boot counter of one would decide (AbSlotModel), kept on disk so it
/// survives a killed process or a power cut.
///
/// Layout under the root folder: `slot-a/image`, `slot-b/image` (the installed images) and
/// `state.json` (booted slot, next boot, each slot's state and version). Every change of state
/// is written to `state.json.tmp`, flushed (fsync) and renamed over `state.json`, then the
/// folder is flushed: the switch is one atomic rename, so after a crash the state is either the
/// old one or the new one. An install first records the slot as empty, writes
/// `image.partial`, flushes and verifies it byte for byte against the source, renames it to
/// `image` and only then records the version: an interrupted install leaves an empty slot,
/// never a half-written one marked installed. One thread only.
class DirBootControl final : public hal::BootControl {
public:
    /// Opens the slots under @p root, creating the folder and a fresh state (booted from slot
    /// a, good, @p initial_version; slot b empty) if there is none yet.
    /// @return Errc::malformed if `state.json` exists but does not parse (named in the
    ///         message), the errno kind if the folder cannot be created or read.
    static Result<std::unique_ptr<DirBootControl>> open(std::filesystem::path root, std::string initial_version);

    ~DirBootControl() override;

    /// "booted slot a (good, 1.4.0), slot b empty", after re-reading the state file.
    /// @return Errc::malformed / io if the state file became unreadable.
    Result<std::string> self_test() override;

    Result<hal::Slot> booted_slot() override;
    Result<hal::SlotStatus> slot_status(hal::Slot slot) override;

    /// Copies @p image into the slot's folder, flushes and verifies it (see the class comment).
    /// @return Errc::invalid_argument for the booted slot, Errc::not_found if the image is
    ///         missing, Errc::io if writing or verifying failed (the slot is then left empty).
    Result<void> install(hal::Slot slot, std::filesystem::path const& image, std::string_view version) override;

    /// Chooses @p slot for the next boot, on trial (atomic state switch).
    /// @return Errc::not_ready if the slot has nothing installed or is bad, Errc::io if the
    ///         state could not be written (the old state stays in force).
    Result<void> set_next_boot(hal::Slot slot) override;
    Result<void> mark_good() override;
    Result<void> mark_bad(hal::Slot slot) override;

    /// What the boot loader does at a restart (AbSlotModel::reboot), persisted.
    Result<void> restart() override;

    /// Where @p slot's installed image lives (it may not exist).
    [[nodiscard]] std::filesystem::path image_path(hal::Slot slot) const;

private:
    DirBootControl(std::filesystem::path root, AbSlotModel model);

    /// Writes @p next atomically and, once on disk, makes it the current model.
    Result<void> commit(AbSlotModel const& next);

    std::filesystem::path m_root;
    AbSlotModel m_model;
};

} // namespace kiosk::drivers
