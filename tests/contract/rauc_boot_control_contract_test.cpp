// SPDX-License-Identifier: MIT
// The boot control contract run against RaucBootControl driving the real RAUC service (Debian's
// rauc) on a private D-Bus, with raw slots in files and a stand-in boot loader behind RAUC's
// custom backend (tests/integration/boot/rauc_peer.hpp). Images are real RAUC bundles built
// with `rauc bundle` and installed with `rauc install`. Each reboot restarts the RAUC service as
// the freshly booted system and reopens the control, as a restarted kiosk would.
#include "rauc_peer.hpp"

#include <boot/rauc_boot_control.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "support/temp_dir.hpp"

#include "contract/boot_control_contract.hpp"

TEST_GROUP(RaucBootControl)
{
    kiosk::test::TempDir m_dir;
    std::unique_ptr<kiosk::test::RaucPeer> m_rauc;
    std::unique_ptr<kiosk::drivers::RaucBootControl> m_boot;

    void setup() override
    {
        m_rauc = std::make_unique<kiosk::test::RaucPeer>(m_dir.path() / "rauc");
        m_boot = open();
    }

    void teardown() override
    {
        m_boot.reset();
        m_rauc.reset();
    }

    [[nodiscard]] std::unique_ptr<kiosk::drivers::RaucBootControl> open() const
    {
        auto boot = kiosk::drivers::RaucBootControl::open(m_rauc->options(initial_version()));
        KIOSK_CHECK_OK(boot);
        return std::move(*boot);
    }

    kiosk::hal::BootControl& boot() const { return *m_boot; }
    static std::string initial_version() { return "1.4.0"; }
    void reboot()
    {
        KIOSK_CHECK_OK(m_boot->restart());
        m_rauc->reboot();
        m_boot = open();
    }
    /// A signed bundle holding @p content; its version is the content's last word
    /// ("system image 2.0.0" -> "2.0.0"), as the suite installs it.
    std::filesystem::path write_image(std::string_view name, std::string_view content) const
    {
        auto const space = content.rfind(' ');
        return m_rauc->bundle(name, content, space == std::string_view::npos ? content : content.substr(space + 1));
    }
};

KIOSK_BOOT_CONTROL_CONTRACT(RaucBootControl)
