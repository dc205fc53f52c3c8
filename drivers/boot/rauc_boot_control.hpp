// SPDX-License-Identifier: MIT
#pragma once

#include "boot/rauc_status.hpp"

#include <kiosk/hal/boot_control.hpp>
#include <kiosk/hal/result.hpp>

#include <array>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::drivers {

/// How to reach RAUC on a board (see drivers/boot/README.md).
struct RaucOptions {
    std::filesystem::path rauc = "/usr/bin/rauc";
    /// RAUC's system.conf (`--conf`); empty: RAUC's own default, /etc/rauc/system.conf.
    std::filesystem::path config;
    /// The slot class holding the two systems; its two slots, in name order, are slots a and b.
    std::string slot_class = "rootfs";
    /// What RAUC does not record and the A/B contract needs: a slot installed but not chosen
    /// yet, a slot on trial. Must survive a reboot (not /run).
    std::filesystem::path state_file = "/var/lib/kiosk/rauc-boot.json";
    /// The restart: run, and the system goes down soon after.
    std::vector<std::string> reboot_command { "/usr/bin/systemctl", "reboot" };
    /// The running firmware's version, shown for a booted slot RAUC holds no bundle record for
    /// (the factory image).
    std::string running_version;
    std::chrono::milliseconds command_timeout { 30'000 };
    std::chrono::milliseconds install_timeout { 30 * 60'000 };
};

/// Parses the arguments of a `rauc:` connection string: `rauc:[RAUC][,conf=FILE][,class=CLASS]
/// [,state=FILE][,reboot=PROGRAM]` (RAUC: path of the rauc program, default /usr/bin/rauc).
/// Relative paths are taken from @p base (the board file's folder).
/// @return Errc::invalid_argument for an unknown or empty option.
Result<RaucOptions> parse_rauc_connection(std::string_view args, std::filesystem::path const& base);

/// The argv of `rauc [--conf=FILE] ARGS...` for @p options.
std::vector<std::string> rauc_command(RaucOptions const& options, std::vector<std::string> const& args);

/// A/B boot control through RAUC's command line (`rauc install`, `rauc status
/// --output-format=json`, `rauc status mark-good|mark-bad|mark-active`), which talks to the
/// RAUC service over D-Bus; the service drives the boot loader (U-Boot, barebox, GRUB, EFI or a
/// custom backend). Updates are RAUC bundles (`*.raucb`), signed for RAUC's keyring on top of
/// the updater's own signed metadata. RAUC must be configured with `activate-installed=false`
/// so that installing does not switch the next boot (set_next_boot() does). Each call runs the
/// rauc program and blocks for it: status and marks at most command_timeout, install at most
/// install_timeout. One thread only.
class RaucBootControl final : public hal::BootControl {
public:
    /// Asks RAUC for its status once: it must answer and list exactly two slots of the class,
    /// each with a bootname. @return Errc::not_found if the rauc program is missing, Errc::io /
    ///         timeout if it does not answer (service down), Errc::malformed for output that
    ///         does not parse or a state file that does not, Errc::unsupported for a slot class
    ///         without two boot slots.
    static Result<std::unique_ptr<RaucBootControl>> open(RaucOptions options);
    ~RaucBootControl() override;
    RaucBootControl(RaucBootControl const&) = delete;
    RaucBootControl& operator=(RaucBootControl const&) = delete;
    RaucBootControl(RaucBootControl&&) = delete;
    RaucBootControl& operator=(RaucBootControl&&) = delete;

    /// The argv of `rauc [--conf=FILE] ARGS...` as this control runs it.
    [[nodiscard]] std::vector<std::string> command(std::vector<std::string> const& args) const;

    /// "rauc: booted rootfs.0 (A, good, 1.4.0); rootfs.1 (B, empty)".
    Result<std::string> self_test() override;

    /// @return Errc::not_ready if RAUC says neither slot of the class is booted.
    Result<hal::Slot> booted_slot() override;
    Result<hal::SlotStatus> slot_status(hal::Slot slot) override;

    /// `rauc install IMAGE`: RAUC checks the bundle's signature and compatible and writes the
    /// inactive slot; then the slot must hold a bundle of @p version, installed "ok".
    /// @return Errc::invalid_argument for the booted slot or a file not named *.raucb,
    ///         Errc::not_found if it is missing, Errc::refused if RAUC refuses the bundle or
    ///         it holds another version, Errc::io / timeout if the install fails.
    Result<void> install(hal::Slot slot, std::filesystem::path const& image, std::string_view version) override;

    /// `rauc status mark-active SLOT`. @return Errc::not_ready for an empty or bad slot.
    Result<void> set_next_boot(hal::Slot slot) override;
    /// `rauc status mark-good booted`.
    Result<void> mark_good() override;
    /// `rauc status mark-bad SLOT`: the boot loader no longer boots it.
    Result<void> mark_bad(hal::Slot slot) override;
    /// Runs the reboot command and returns; the system goes down shortly after.
    /// @return Errc::io if the command failed.
    Result<void> restart() override;

private:
    /// What this control remembers of a slot beyond RAUC's own record.
    struct SlotRecord {
        std::string version;
        std::string phase; ///< "installing", "installed" (not chosen yet), "trial"
    };

    RaucBootControl(RaucOptions options, std::array<std::string, 2> names, std::map<std::string, SlotRecord> records);

    Result<RaucStatus> status() const;
    Result<void> run(std::vector<std::string> const& args, char const* what) const;
    Result<hal::SlotStatus> derive(RaucStatus const& status, hal::Slot slot) const;
    Result<hal::Slot> booted_in(RaucStatus const& status) const;
    Result<void> save_records() const;
    [[nodiscard]] std::string const& name_of(hal::Slot slot) const noexcept;

    RaucOptions m_options;
    std::array<std::string, 2> m_names; ///< RAUC's names of slots a and b
    std::map<std::string, SlotRecord> m_records;
};

} // namespace kiosk::drivers
