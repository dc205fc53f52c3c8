// SPDX-License-Identifier: MIT
#pragma once

#include <boot/rauc_boot_control.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace kiosk::test {

/// The real RAUC service (Debian's rauc) for a test, without the machine's D-Bus or boot
/// loader: a private dbus-daemon session bus, `rauc service` on it (DBUS_STARTER_BUS_TYPE=
/// session), two raw slots that are plain files, and RAUC's `custom` boot loader backend
/// pointing at a test stand-in boot loader (a shell script keeping the primary slot, each
/// slot's good/bad state and a one-try trial counter in files; reboot() applies its decision,
/// as U-Boot's boot counter would). RAUC's system.conf sets activate-installed=false.
/// Bundles are built with `rauc bundle` and signed with a certificate made by openssl.
/// The constructor sets DBUS_SESSION_BUS_ADDRESS and DBUS_STARTER_BUS_TYPE in this process
/// (rauc commands started from it reach the private bus); the destructor stops both daemons.
/// Aborts the test run when a daemon does not come up within 10 s.
class RaucPeer {
public:
    explicit RaucPeer(std::filesystem::path dir);
    ~RaucPeer();
    RaucPeer(RaucPeer const&) = delete;
    RaucPeer& operator=(RaucPeer const&) = delete;
    RaucPeer(RaucPeer&&) = delete;
    RaucPeer& operator=(RaucPeer&&) = delete;

    /// Options for a RaucBootControl on this peer.
    [[nodiscard]] drivers::RaucOptions options(std::string running_version) const;

    enum class Signer {
        keyring, ///< the certificate RAUC's keyring trusts
        rogue,   ///< a certificate from nobody RAUC knows
    };
    /// A bundle `NAME.raucb` (compatible "vn-kiosk-test") of one raw image @p content.
    std::filesystem::path bundle(
        std::string_view name, std::string_view content, std::string_view version, Signer signer = Signer::keyring);

    /// The stand-in boot loader's decision at a restart, then RAUC's service restarted as on
    /// the freshly booted system.
    void reboot();

    /// "A" or "B": what the stand-in boot loader booted last.
    [[nodiscard]] std::string const& booted() const noexcept { return m_booted; }
    /// The file behind slot a or b.
    [[nodiscard]] std::filesystem::path slot_file(char slot) const;
    /// How often the reboot command ran.
    [[nodiscard]] int reboot_requests() const;
    [[nodiscard]] std::filesystem::path const& dir() const noexcept { return m_dir; }

private:
    void start_service();
    void stop_service();
    [[nodiscard]] std::string boot_file(std::string const& name, std::string const& fallback) const;

    std::filesystem::path m_dir;
    std::string m_booted = "A";
    pid_t m_bus = -1;
    pid_t m_service = -1;
    int m_bundles = 0;
};

} // namespace kiosk::test
