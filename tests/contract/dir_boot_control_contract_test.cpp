// SPDX-License-Identifier: MIT
// The boot control contract run against directory slots with an on-disk state file. Each
// reboot reopens the folder, as a restarted kiosk would.
#include <boot/dir_boot_control.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "support/temp_dir.hpp"

#include "contract/boot_control_contract.hpp"

TEST_GROUP(DirBootControl)
{
    kiosk::test::TempDir m_dir;
    std::unique_ptr<kiosk::drivers::DirBootControl> m_boot;

    void setup() override { m_boot = open(); }

    std::unique_ptr<kiosk::drivers::DirBootControl> open() const
    {
        auto boot = kiosk::drivers::DirBootControl::open(m_dir.path() / "slots", "1.4.0");
        KIOSK_CHECK_OK(boot);
        return std::move(*boot);
    }

    kiosk::hal::BootControl& boot() const { return *m_boot; }
    static std::string initial_version() { return "1.4.0"; }
    void reboot()
    {
        KIOSK_CHECK_OK(m_boot->restart());
        m_boot = open();
    }
    std::filesystem::path write_image(std::string_view name, std::string_view content) const
    {
        return m_dir.write(name, content);
    }
};

KIOSK_BOOT_CONTROL_CONTRACT(DirBootControl)
